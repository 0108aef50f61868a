package io.effortmap.journey.journey.service;

import io.effortmap.common.idempotency.Fingerprint;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.ids.IdShape;
import io.effortmap.journey.support.IdempotencyRepository;
import io.effortmap.journey.support.MongoIndexes;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.journey.journey.mapping.JourneyMapper;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.repository.JourneyRepository;
import io.effortmap.journey.journey.rest.CreateJourneyRequest;
import io.effortmap.journey.journey.rest.JourneyResponse;
import io.effortmap.journey.journey.rest.JourneySummary;
import io.effortmap.journey.journey.rest.JourneyStatus;
import io.effortmap.journey.journey.rest.Limits;
import io.effortmap.journey.journey.rest.MoveRequest;
import io.effortmap.journey.journey.rest.RenameStageRequest;
import io.effortmap.journey.journey.rest.ReplaceJourneyRequest;
import io.effortmap.journey.persona.repository.PersonaRepository;
import io.effortmap.journey.version.repository.JourneyVersionRepository;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.rest.IfMatch;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    @Inject
    PersonaRepository personas;

    @Inject
    JourneyVersionRepository versions;

    @Inject
    IdempotencyRepository idempotencyKeys;

    @Inject
    MongoIndexes indexes;

    Clock clock = Clock.systemUTC();

    /**
     * Creates the journey; with an {@code Idempotency-Key} a retry answers the journey the first request created
     * (see {@link Idempotency}). Everything is validated before the key is reserved.
     */
    public Uni<Idempotency.Outcome<JourneyResponse>> create(String workspace, String createdBy, String idempotencyKey,
            CreateJourneyRequest request) {
        String key = IdempotencyKey.parse(idempotencyKey);
        validator.check(request);
        checkPersonaIdsDistinct(request.personaIds());
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
        String fingerprint = Fingerprint.of("POST /api/v1/journeys", request);
        return checkPersonasExist(workspace, request.personaIds())
                .chain(() -> key == null ? Uni.createFrom().voidItem() : indexes.awaitReady())
                .chain(() -> Idempotency.create(idempotencyKeys, workspace, key, fingerprint, () -> Ids.newId(Ids.JOURNEY),
                        id -> {
                            JourneyDocument doc = mapper.newDocument(id, request, TEMPLATE_STAGES, workspace, createdBy, now);
                            return repository.insert(doc).replaceWith(() -> mapper.toResponse(doc));
                        },
                        id -> repository.findInWorkspace(workspace, id).map(d -> d == null ? null : mapper.toResponse(d)),
                        MongoErrors::isDuplicateKey))
                .onFailure().transform(MongoErrors::translate);
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

    /**
     * A touchpoint of the journey; one that was removed since is answered from the latest published version holding
     * it ({@code removed: true}), so interactions and responses recorded against it stay attributable.
     */
    public Uni<TouchpointResponse> touchpoint(String workspace, String journeyId, String touchpointId) {
        return find(workspace, journeyId).chain(journey -> {
            TouchpointResponse current = locate(journeyId, JourneyMapper.stages(journey), touchpointId, false);
            if (current != null) {
                return Uni.createFrom().item(current);
            }
            if (!Ids.isWellFormed(touchpointId, Ids.TOUCHPOINT)) {
                throw noTouchpoint(journeyId, touchpointId);
            }
            return versions.latestHolding(workspace, journeyId, touchpointId)
                    .onFailure().transform(MongoErrors::translate)
                    .map(version -> {
                        TouchpointResponse removed = version == null ? null
                                : locate(journeyId, version.stages, touchpointId, true);
                        if (removed == null) {
                            throw noTouchpoint(journeyId, touchpointId);
                        }
                        return removed;
                    });
        });
    }

    private TouchpointResponse locate(String journeyId, List<JourneyDocument.StageDocument> stages, String touchpointId,
            boolean removed) {
        for (JourneyDocument.StageDocument stage : stages == null ? List.<JourneyDocument.StageDocument>of() : stages) {
            for (JourneyDocument.TouchpointDocument tp : JourneyMapper.touchpoints(stage)) {
                if (tp.id.equals(touchpointId)) {
                    return mapper.toTouchpointResponse(journeyId, stage, tp, removed);
                }
            }
        }
        return null;
    }

    private static ProblemException noTouchpoint(String journeyId, String touchpointId) {
        return ProblemException.notFound("No touchpoint " + printable(touchpointId) + " in journey " + journeyId,
                "touchpointId", Ids.isWellFormed(touchpointId, Ids.TOUCHPOINT) ? "is not a touchpoint of this journey"
                        : IdShape.TOUCHPOINT.expectation());
    }

    public Uni<JourneyDocument> replace(String workspace, String id, String ifMatch, ReplaceJourneyRequest request) {
        checkPath(id, null, null);
        long expected = IfMatch.version(ifMatch);
        validator.check(request);
        checkPersonaIdsDistinct(request.personaIds());
        return checkPersonasExist(workspace, request.personaIds())
                .chain(() -> edit(workspace, id, expected, editor -> editor.replace(request)));
    }

    /** The journey after an add, and the id of what was added. */
    public record Added(JourneyDocument journey, String id) {
    }

    public Uni<Added> addStage(String workspace, String id, String ifMatch, String index,
            CreateJourneyRequest.StageRequest request) {
        checkPath(id, null, null);
        long expected = IfMatch.version(ifMatch);
        Integer at = JourneyEditor.insertionIndex(index);
        validator.check(request);
        String[] added = new String[1];
        return edit(workspace, id, expected, editor -> added[0] = editor.addStage(request, at).id)
                .map(doc -> new Added(doc, added[0]));
    }

    public Uni<JourneyDocument> renameStage(String workspace, String id, String stageId, String ifMatch,
            RenameStageRequest request) {
        checkPath(id, stageId, null);
        long expected = IfMatch.version(ifMatch);
        validator.check(request);
        return edit(workspace, id, expected, editor -> editor.renameStage(stageId, request.name()));
    }

    public Uni<JourneyDocument> moveStage(String workspace, String id, String stageId, String ifMatch, MoveRequest move) {
        checkPath(id, stageId, null);
        long expected = IfMatch.version(ifMatch);
        validator.check(move);
        return edit(workspace, id, expected, editor -> editor.moveStage(stageId, move));
    }

    public Uni<JourneyDocument> removeStage(String workspace, String id, String stageId, String ifMatch) {
        checkPath(id, stageId, null);
        long expected = IfMatch.version(ifMatch);
        return edit(workspace, id, expected, editor -> editor.removeStage(stageId));
    }

    public Uni<Added> addTouchpoint(String workspace, String id, String stageId, String ifMatch, String index,
            CreateJourneyRequest.TouchpointRequest request) {
        checkPath(id, stageId, null);
        long expected = IfMatch.version(ifMatch);
        Integer at = JourneyEditor.insertionIndex(index);
        validator.check(request);
        String[] added = new String[1];
        return edit(workspace, id, expected, editor -> added[0] = editor.addTouchpoint(stageId, request, at).id)
                .map(doc -> new Added(doc, added[0]));
    }

    public Uni<JourneyDocument> updateTouchpoint(String workspace, String id, String touchpointId, String ifMatch,
            ReplaceJourneyRequest.TouchpointEdit request) {
        checkPath(id, null, touchpointId);
        long expected = IfMatch.version(ifMatch);
        validator.check(request);
        return edit(workspace, id, expected, editor -> editor.updateTouchpoint(touchpointId, request));
    }

    public Uni<JourneyDocument> moveTouchpoint(String workspace, String id, String touchpointId, String ifMatch,
            MoveRequest move) {
        checkPath(id, null, touchpointId);
        long expected = IfMatch.version(ifMatch);
        validator.check(move);
        return edit(workspace, id, expected, editor -> editor.moveTouchpoint(touchpointId, move));
    }

    public Uni<JourneyDocument> removeTouchpoint(String workspace, String id, String touchpointId, String ifMatch) {
        checkPath(id, null, touchpointId);
        long expected = IfMatch.version(ifMatch);
        return edit(workspace, id, expected, editor -> editor.removeTouchpoint(touchpointId));
    }

    /** PUBLISHED → ARCHIVED (also DRAFT → ARCHIVED); an archived journey is read-only. */
    public Uni<JourneyDocument> archive(String workspace, String id, String ifMatch) {
        checkPath(id, null, null);
        long expected = IfMatch.version(ifMatch);
        return write(workspace, id, expected, doc -> doc.status = JourneyStatus.ARCHIVED.name());
    }

    private Uni<JourneyDocument> edit(String workspace, String id, long expected, Consumer<JourneyEditor> change) {
        return write(workspace, id, expected, doc -> change.accept(new JourneyEditor(doc, mapper)));
    }

    /**
     * Reads the journey, applies {@code change} and stores it with one write conditional on (workspace, id,
     * {@code expected}) that also increments the version. 412 when the journey is no longer at {@code expected}, also
     * when another writer wins between the read and the write; 409 when it is archived.
     */
    public Uni<JourneyDocument> write(String workspace, String id, long expected, Consumer<JourneyDocument> change) {
        return find(workspace, id).chain(doc -> {
            if (doc.version != expected) {
                throw IfMatch.stale("The journey");
            }
            if (JourneyStatus.ARCHIVED.name().equals(doc.status)) {
                throw ProblemException.conflict("The journey is archived and can no longer be changed");
            }
            change.accept(doc);
            doc.version = expected + 1;
            doc.updatedAt = now();
            return repository.replaceIfVersion(doc, expected)
                    .onFailure().transform(MongoErrors::translate)
                    .map(stored -> {
                        if (!stored) {
                            throw IfMatch.stale("The journey");
                        }
                        return doc;
                    });
        });
    }

    public JourneyResponse toResponse(JourneyDocument doc) {
        return mapper.toResponse(doc);
    }

    private static void checkPersonaIdsDistinct(List<String> personaIds) {
        if (personaIds != null) {
            for (int i = 0; i < personaIds.size(); i++) {
                if (personaIds.indexOf(personaIds.get(i)) != i) {
                    throw ProblemException.unprocessable("personaIds[" + i + "]", "appears more than once");
                }
            }
        }
    }

    /** 422 naming each referenced persona that does not exist in the workspace. */
    private Uni<Void> checkPersonasExist(String workspace, List<String> personaIds) {
        if (personaIds == null || personaIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return personas.existingIds(workspace, personaIds).onFailure().transform(MongoErrors::translate).invoke(existing -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (int i = 0; i < personaIds.size(); i++) {
                if (!existing.contains(personaIds.get(i))) {
                    errors.add(new Problem.FieldError("personaIds[" + i + "]", "is not a persona of this workspace"));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(422, "Unprocessable Content", errors);
            }
        }).replaceWithVoid();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Ids in the path are checked first, before If-Match and the body: a path that cannot name anything is a 404
     * naming the parameter, whatever else the request gets wrong.
     */
    public static void checkPath(String journeyId, String stageId, String touchpointId) {
        if (!Ids.isWellFormed(journeyId, Ids.JOURNEY)) {
            throw notFound(journeyId);
        }
        if (stageId != null && !Ids.isWellFormed(stageId, Ids.STAGE)) {
            throw IdShape.STAGE.notFoundInPath("stageId");
        }
        if (touchpointId != null && !Ids.isWellFormed(touchpointId, Ids.TOUCHPOINT)) {
            throw IdShape.TOUCHPOINT.notFoundInPath("touchpointId");
        }
    }

    /** A journey of the workspace, or 404, also for ids that cannot exist or belong to another workspace. */
    public Uni<JourneyDocument> find(String workspace, String id) {
        if (!Ids.isWellFormed(id, Ids.JOURNEY)) {
            return Uni.createFrom().failure(notFound(id));
        }
        return repository.findInWorkspace(workspace, id)
                .onFailure().transform(MongoErrors::translate)
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No journey " + printable(id), "journeyId",
                Ids.isWellFormed(id, Ids.JOURNEY) ? "is not a journey of your workspace" : IdShape.JOURNEY.expectation());
    }

    /** Echoes a client-supplied id in a message only when it is short and plain. */
    static String printable(String id) {
        return id != null && id.length() <= 40 && id.matches("[A-Za-z0-9_-]*") ? id : "with that id";
    }
}
