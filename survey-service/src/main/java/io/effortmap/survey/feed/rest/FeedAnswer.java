package io.effortmap.survey.feed.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An answer in the feed; scale fields are null for COMMENT answers. */
public record FeedAnswer(
        String questionKey,
        String kind,
        @Schema(nullable = true) Integer scaleMin,
        @Schema(nullable = true) Integer scaleMax,
        String scoring,
        @Schema(nullable = true) Integer score,
        @Schema(nullable = true) String text) {
}
