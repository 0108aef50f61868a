package io.effortmap.journey.interaction.mapping;

import io.effortmap.journey.interaction.repository.InteractionDocument;
import io.effortmap.journey.interaction.rest.InteractionRequest;
import io.effortmap.journey.journey.rest.Channel;
import io.effortmap.journey.support.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;

/** From a validated push item to the stored document; position and receivedAt are set when it is stored. */
@ApplicationScoped
public class InteractionMapper {

    public InteractionDocument newDocument(InteractionRequest item, String workspace, String source, String stageId,
            Channel touchpointChannel) {
        InteractionDocument doc = new InteractionDocument();
        doc.id = Ids.newLongId(Ids.INTERACTION);
        doc.workspace = workspace;
        doc.source = source;
        doc.externalId = item.externalId();
        doc.customerId = item.customerId();
        doc.journeyId = item.journeyId();
        doc.touchpointId = item.touchpointId();
        doc.stageId = stageId;
        doc.channel = (item.channel() != null ? item.channel() : touchpointChannel).wire();
        // MongoDB dates hold milliseconds; truncating here keeps what we store and what the feed returns identical.
        doc.occurredAt = item.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        doc.outcome = item.outcome().wire();
        doc.durationSeconds = item.durationSeconds();
        doc.segments = item.segments() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(item.segments());
        return doc;
    }
}
