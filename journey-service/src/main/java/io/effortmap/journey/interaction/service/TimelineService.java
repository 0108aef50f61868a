package io.effortmap.journey.interaction.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.journey.interaction.repository.InteractionDocument;
import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.interaction.rest.Outcome;
import io.effortmap.journey.interaction.rest.TimelineItem;
import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.StageDocument;
import io.effortmap.journey.journey.repository.JourneyDocument.TouchpointDocument;
import io.effortmap.journey.journey.repository.JourneyRepository;
import io.effortmap.journey.journey.rest.Channel;
import io.effortmap.journey.support.MongoErrors;
import io.effortmap.journey.support.Page;
import io.effortmap.journey.version.repository.JourneyVersionDocument;
import io.effortmap.journey.version.repository.JourneyVersionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A customer's interactions in time order, with journey, stage and touchpoint names resolved. */
@ApplicationScoped
public class TimelineService {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** {@code <occurredAt epoch millis>:<interaction id>} of the last item of the previous page. */
    private static final Pattern CURSOR = Pattern.compile("^(-?[0-9]{1,15}):(ix_[A-Za-z0-9_-]{16})$");

    @Inject
    InteractionRepository interactions;

    @Inject
    JourneyRepository journeys;

    @Inject
    JourneyVersionRepository versions;

    private record Names(String journeyName, String stageId, String stageName, String touchpointName, boolean removed) {
    }

    public Uni<Page<TimelineItem>> timeline(String workspace, String customerId, String after, String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_LIMIT, MAX_LIMIT);
        if (customerId == null || customerId.isBlank() || customerId.length() > 200) {
            throw ProblemException.badRequest("customerId", "must be 1 to 200 characters");
        }
        Instant afterTime = null;
        String afterId = null;
        if (after != null && !after.isEmpty()) {
            Matcher m = CURSOR.matcher(after);
            if (!m.matches()) {
                throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
            }
            afterTime = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            afterId = m.group(2);
        }
        return interactions.timeline(workspace, customerId, afterTime, afterId, limit + 1)
                .chain(docs -> {
                    boolean more = docs.size() > limit;
                    List<InteractionDocument> page = more ? docs.subList(0, limit) : docs;
                    String next = more ? page.getLast().occurredAt.toEpochMilli() + ":" + page.getLast().id : null;
                    return names(workspace, page).map(names -> new Page<>(page.stream()
                            .map(d -> toItem(d, names.get(d.journeyId + "/" + d.touchpointId), names.get(d.journeyId)))
                            .toList(), next));
                })
                .onFailure().transform(MongoErrors::translate);
    }

    /**
     * Names keyed by "journeyId/touchpointId" (and by journeyId for the journey's name alone): from the current journey,
     * else from the latest published version holding the touchpoint.
     */
    private Uni<Map<String, Names>> names(String workspace, List<InteractionDocument> docs) {
        Set<String> journeyIds = new LinkedHashSet<>();
        docs.forEach(d -> journeyIds.add(d.journeyId));
        return journeys.findOutlines(workspace, journeyIds).chain(current -> {
            // Concurrent: the lookups below fill it from several driver threads at once.
            Map<String, Names> names = new ConcurrentHashMap<>();
            for (JourneyDocument j : current) {
                names.put(j.id, new Names(j.name, null, null, null, false));
                for (StageDocument s : JourneyMapper.stages(j)) {
                    for (TouchpointDocument tp : JourneyMapper.touchpoints(s)) {
                        names.put(j.id + "/" + tp.id, new Names(j.name, s.id, s.name, tp.name, false));
                    }
                }
            }
            // One bounded lookup per touchpoint no longer in its journey: the latest version that held it.
            Set<String> missing = new LinkedHashSet<>();
            docs.stream().map(d -> d.journeyId + "/" + d.touchpointId).filter(k -> !names.containsKey(k)).forEach(missing::add);
            if (missing.isEmpty()) {
                return Uni.createFrom().item(names);
            }
            return Multi.createFrom().iterable(missing)
                    .onItem().transformToUni(key -> {
                        String[] parts = key.split("/", 2);
                        return versions.latestHolding(workspace, parts[0], parts[1]).map(v -> {
                            if (v != null) {
                                addRemoved(names, v, parts[1]);
                            }
                            return key;
                        });
                    }).merge(4)
                    .collect().last()
                    .replaceWith(names);
        });
    }

    private static void addRemoved(Map<String, Names> names, JourneyVersionDocument version, String touchpointId) {
        Names journey = names.get(version.journeyId);
        for (StageDocument s : version.stages == null ? List.<StageDocument>of() : version.stages) {
            for (TouchpointDocument tp : JourneyMapper.touchpoints(s)) {
                if (tp.id.equals(touchpointId)) {
                    names.put(version.journeyId + "/" + tp.id, new Names(
                            journey == null ? version.name : journey.journeyName(), s.id, s.name, tp.name, true));
                }
            }
        }
    }

    private static TimelineItem toItem(InteractionDocument d, Names names, Names journey) {
        return new TimelineItem(d.id, d.occurredAt, d.journeyId, journey == null ? null : journey.journeyName(),
                d.touchpointId, names == null ? null : names.touchpointName(),
                names == null ? d.stageId : names.stageId(), names == null ? null : names.stageName(),
                names == null || names.removed(), Channel.fromWire(d.channel), Outcome.fromWire(d.outcome),
                d.durationSeconds, d.segments == null ? Map.of() : d.segments);
    }
}
