package io.effortmap.survey.survey.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset position of the survey list: base64url of {@code <createdAt epoch micros>:<id>}. */
record SurveyCursor(Instant createdAt, UUID id) {

    static String encode(Instant createdAt, UUID id) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static SurveyCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            if (colon > 0) {
                long micros = Long.parseLong(plain.substring(0, colon));
                UUID id = Ids.parse(plain.substring(colon + 1)).orElse(null);
                if (id != null) {
                    return new SurveyCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("after", "is not a cursor returned by this endpoint");
    }
}
