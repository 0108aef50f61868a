package io.effortmap.journey.journey.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.repository.JourneyRepository;
import io.effortmap.journey.journey.rest.CreateJourneyRequest;
import io.effortmap.journey.journey.rest.JourneyResponse;
import io.effortmap.journey.journey.rest.JourneySummary;
import io.effortmap.journey.journey.rest.Limits;
import io.effortmap.journey.journey.rest.TouchpointResponse;
import io.effortmap.journey.support.Ids;
import io.effortmap.journey.support.MongoErrors;
import io.effortmap.journey.support.Page;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.validation.RequestValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Journey maps of one workspace. The workspace always comes from the caller's token, never from the request. */
@ApplicationScoped
public class JourneyService {

    /** Stages of a journey created without any. */
    public static final List<String> TEMPLATE_STAGES =
            List.of("Awareness", "Consideration", "Purchase", "Post-Purchase", "Loyalty/Advocacy");

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    @Inject
    JourneyRepository repository;

    @Inject
    JourneyMapper mapper;

    @Inject
    RequestValidator validator;

    Clock clock = Clock.systemUTC();

    public Uni<JourneyResponse> create(String workspace, String createdBy, CreateJourneyRequest request) {
        validator.check(request);
        if (request.stages() != null) {
            int touchpoints = request.stages().stream()
                    .mapToInt(s -> s.touchpoints() == null ? 0 : s.touchpoints().size()).sum();
            if (touchpoints > Limits.TOUCHPOINTS_PER_JOURNEY) {
                throw ProblemException.badRequest("stages",
                        "must hold at most " + Limits.TOUCHPOINTS_PER_JOURNEY + " touchpoints in total");
            }
        }
        // Millisecond precision: what MongoDB stores, so the create response equals a later read.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        JourneyDocument doc = mapper.newDocument(request, TEMPLATE_STAGES, workspace, createdBy, now);
        return repository.insert(doc)
                .onFailure().transform(MongoErrors::translate)
                .replaceWith(() -> mapper.toResponse(doc));
    }

    public Uni<JourneyResponse> get(String workspace, String id) {
        return find(workspace, id).map(mapper::toResponse);
    }

    public Uni<Page<JourneySummary>> list(String workspace, String after, String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (after != null && !after.isEmpty() && !Ids.isWellFormed(after, Ids.JOURNEY)) {
            throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
        }
        String cursor = after == null || after.isEmpty() ? null : after;
        return repository.listOutlines(workspace, cursor, limit + 1)
                .onFailure().transform(MongoErrors::translate)
                .map(docs -> {
                    boolean more = docs.size() > limit;
                    List<JourneyDocument> page = more ? docs.subList(0, limit) : docs;
                    return new Page<>(page.stream().map(mapper::toSummary).toList(), more ? page.getLast().id : null);
                });
    }

    public Uni<TouchpointResponse> touchpoint(String workspace, String journeyId, String touchpointId) {
        return find(workspace, journeyId).map(journey -> {
            for (JourneyDocument.StageDocument stage : JourneyMapper.stages(journey)) {
                for (JourneyDocument.TouchpointDocument tp : JourneyMapper.touchpoints(stage)) {
                    if (tp.id.equals(touchpointId)) {
                        return mapper.toTouchpointResponse(journey, stage, tp);
                    }
                }
            }
            throw ProblemException.notFound("No touchpoint " + printable(touchpointId) + " in journey " + journeyId);
        });
    }

    /** A journey of the workspace, or 404, also for ids that cannot exist or belong to another workspace. */
    private Uni<JourneyDocument> find(String workspace, String id) {
        if (!Ids.isWellFormed(id, Ids.JOURNEY)) {
            return Uni.createFrom().failure(notFound(id));
        }
        return repository.findInWorkspace(workspace, id)
                .onFailure().transform(MongoErrors::translate)
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No journey " + printable(id));
    }

    /** Echoes a client-supplied id in a message only when it is short and plain. */
    static String printable(String id) {
        return id != null && id.length() <= 40 && id.matches("[A-Za-z0-9_-]*") ? id : "with that id";
    }
}
