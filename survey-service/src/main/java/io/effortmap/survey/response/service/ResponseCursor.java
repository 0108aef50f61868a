package io.effortmap.survey.response.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset position of the response list: base64url of {@code <occurredAt epoch micros>:<id>}. */
public record ResponseCursor(Instant occurredAt, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static ResponseCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            if (colon > 0) {
                long micros = Long.parseLong(plain.substring(0, colon));
                UUID id = Ids.parse(plain.substring(colon + 1)).orElse(null);
                if (id != null) {
                    return new ResponseCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
                }
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // answered below
        }
        throw ProblemException.badRequest("after", "is not a cursor returned by this endpoint");
    }
}
