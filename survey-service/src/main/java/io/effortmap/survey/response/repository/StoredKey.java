package io.effortmap.survey.response.repository;

import java.util.UUID;

/** The stored response an idempotency key points to, and the hash of the request that created it. */
public record StoredKey(UUID id, String idempotencyKey, String requestHash) {
}
