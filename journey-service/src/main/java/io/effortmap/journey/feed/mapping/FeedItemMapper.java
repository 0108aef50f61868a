package io.effortmap.journey.feed.mapping;

import io.effortmap.journey.feed.service.FeedPosition;
import io.effortmap.journey.feed.rest.InteractionFeedItem;
import io.effortmap.journey.interaction.repository.InteractionDocument;
import io.effortmap.journey.interaction.rest.Outcome;
import io.effortmap.journey.journey.rest.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

@ApplicationScoped
public class FeedItemMapper {

    public InteractionFeedItem toItem(InteractionDocument doc) {
        return new InteractionFeedItem(FeedPosition.format(doc.seq), doc.id, doc.workspace, doc.source, doc.externalId,
                doc.customerId, doc.journeyId, doc.touchpointId, doc.stageId, Channel.fromWire(doc.channel),
                doc.occurredAt, doc.receivedAt, Outcome.fromWire(doc.outcome), doc.durationSeconds,
                doc.segments == null ? Map.of() : doc.segments);
    }
}
