package io.effortmap.survey.response.rest;

import java.util.List;

/** A page of responses, newest {@code occurredAt} first; {@code next} is the cursor of the following page, or null. */
public record ResponsePage(List<ResponseView> items, String next) {
}
