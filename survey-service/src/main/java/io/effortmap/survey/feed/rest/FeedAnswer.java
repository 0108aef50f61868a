package io.effortmap.survey.feed.rest;

/** An answer in the feed; scale fields are null for COMMENT answers. */
public record FeedAnswer(String questionKey, String kind, Integer scaleMin, Integer scaleMax, String scoring,
        Integer score, String text) {
}
