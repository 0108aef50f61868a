package io.effortmap.journey.feed.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of the interaction feed. {@code next} is always present: pass it as {@code after}. It can move forward even
 * when {@code items} is empty (positions that hold no interaction were passed).
 */
@Schema(name = "InteractionFeedPage")
public record InteractionFeedPage(List<InteractionFeedItem> items, String next) {
}
