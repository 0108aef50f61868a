package io.effortmap.common.idempotency;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.text.StorableText;

/**
 * The {@code Idempotency-Key} request header of creating POSTs. Optional: without it a retried create makes a second
 * object. With it, the first request creates and every later one with the same key and the same body answers the
 * same object (200, {@code Idempotency-Replayed: true}); the same key with a different body is refused with 422.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** Set to {@code true} on an answer that replays an earlier request with the same key. */
    public static final String REPLAYED = "Idempotency-Replayed";
    public static final int MAX_LENGTH = 200;

    private IdempotencyKey() {
    }

    /** The key, or null when the header is absent; 400 naming the header when it is empty, too long or not text. */
    public static String parse(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank()) {
            throw ProblemException.badRequest(HEADER, "must not be blank; omit the header to create without one");
        }
        if (header.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(HEADER, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!StorableText.isStorable(header) || header.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(HEADER, "must be visible characters");
        }
        return header;
    }

    /** The documented answer to a key reused for a different request. */
    public static ProblemException reusedForDifferentRequest() {
        return ProblemException.unprocessable(HEADER,
                "was already used for a different request; send a new key for new content");
    }
}
