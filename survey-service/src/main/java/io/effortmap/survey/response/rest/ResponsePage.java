package io.effortmap.survey.response.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of responses, newest {@code occurredAt} first; {@code next} is the cursor of the following page, or null. */
public record ResponsePage(List<ResponseView> items, @Schema(nullable = true) String next) {
}
