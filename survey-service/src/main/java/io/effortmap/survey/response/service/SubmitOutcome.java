package io.effortmap.survey.response.service;

import io.effortmap.survey.response.rest.ResponseView;

/** The stored response, and whether this request only replayed an earlier one with the same idempotency key. */
public record SubmitOutcome(ResponseView response, boolean replayed) {
}
