package io.effortmap.survey.respondent.rest;

import java.time.Instant;

/** Answer to a respondent's submission; deliberately without ids. */
public record PublicResponseReceipt(Instant receivedAt) {
}
