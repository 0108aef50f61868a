package io.effortmap.survey.response.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of a normalised response, stored beside its idempotency key: a replay must carry the same content, while
 * formatting (whitespace, field order, answer order, time-zone offset of occurredAt) does not count as a difference.
 */
final class RequestHasher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestHasher() {
    }

    static String hash(ParsedResponse r) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("surveyId", r.surveyId().toString());
        canonical.put("customerId", r.customerId());
        canonical.put("channel", r.channel());
        canonical.put("occurredAt", r.occurredAt().toString());
        canonical.put("interactionId", r.interactionId());
        canonical.put("segments", r.segments());
        List<ParsedResponse.Answer> answers = new ArrayList<>(r.answers());
        answers.sort(Comparator.comparing(ParsedResponse.Answer::questionKey));
        canonical.put("answers", answers.stream().map(a -> java.util.Arrays.asList(a.questionKey(), a.score(), a.text())).toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash a response", e);
        }
    }
}
