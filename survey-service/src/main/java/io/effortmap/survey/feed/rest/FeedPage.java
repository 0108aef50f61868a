package io.effortmap.survey.feed.rest;

import java.util.List;

/** A page of the feed; {@code next} is always set: pass it as {@code after} (it equals the last position read). */
public record FeedPage(List<FeedItem> items, String next) {
}
