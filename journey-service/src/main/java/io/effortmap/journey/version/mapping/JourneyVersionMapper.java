package io.effortmap.journey.version.mapping;

import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.version.repository.JourneyVersionDocument;
import io.effortmap.journey.version.rest.JourneyVersionResponse;
import io.effortmap.journey.version.rest.JourneyVersionSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class JourneyVersionMapper {

    @Inject
    JourneyMapper journeys;

    /** A copy of the journey's content as it is now; the same document never changes afterwards. */
    public JourneyVersionDocument snapshot(JourneyDocument journey, int number, Instant now, String publishedBy) {
        JourneyVersionDocument doc = new JourneyVersionDocument();
        doc.id = journey.id + "@" + number;
        doc.workspace = journey.workspace;
        doc.journeyId = journey.id;
        doc.number = number;
        doc.journeyVersion = journey.version;
        doc.publishedAt = now;
        doc.publishedBy = publishedBy;
        doc.name = journey.name;
        doc.description = journey.description;
        doc.owner = journey.owner;
        doc.personaIds = journey.personaIds;
        doc.stages = journey.stages;
        doc.touchpointIds = JourneyMapper.stages(journey).stream()
                .flatMap(s -> JourneyMapper.touchpoints(s).stream()).map(t -> t.id).toList();
        return doc;
    }

    public JourneyVersionResponse toResponse(JourneyVersionDocument doc) {
        return new JourneyVersionResponse(doc.journeyId, doc.number, doc.journeyVersion, doc.publishedAt, doc.publishedBy,
                doc.name, doc.description, doc.owner, doc.personaIds == null ? List.of() : List.copyOf(doc.personaIds),
                stages(doc).stream().map(journeys::toStage).toList());
    }

    public JourneyVersionSummary toSummary(JourneyVersionDocument doc) {
        return new JourneyVersionSummary(doc.number, doc.journeyVersion, doc.publishedAt, doc.publishedBy, doc.name,
                stages(doc).size(), stages(doc).stream().mapToInt(s -> JourneyMapper.touchpoints(s).size()).sum());
    }

    private static List<JourneyDocument.StageDocument> stages(JourneyVersionDocument doc) {
        return doc.stages == null ? List.of() : doc.stages;
    }
}
