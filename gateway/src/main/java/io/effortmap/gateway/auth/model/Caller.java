package io.effortmap.gateway.auth.model;

/**
 * Who a verified bearer token speaks for, as far as the gateway cares: its client ({@code azp}, whose rate-limit
 * settings apply), the key of its own rate-limit bucket (built once per token), and when the token expires.
 */
public record Caller(String clientId, String bucketKey, long expiresAtEpochSecond) {
}
