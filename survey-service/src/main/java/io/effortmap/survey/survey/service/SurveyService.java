package io.effortmap.survey.survey.service;

import io.effortmap.common.idempotency.Fingerprint;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.ids.IdShape;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.survey.shared.IdempotencyRepository;
import io.effortmap.survey.journey.client.JourneyClient;
import io.effortmap.survey.journey.client.JourneyRefusedException;
import io.effortmap.survey.journey.client.TouchpointNotFoundException;
import io.effortmap.survey.shared.Ids;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.survey.survey.mapping.SurveyMapper;
import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.SurveyStatus;
import io.effortmap.survey.survey.repository.SurveyEntity;
import io.effortmap.survey.survey.repository.SurveyRepository;
import io.effortmap.survey.survey.rest.CreateSurveyRequest;
import io.effortmap.survey.survey.rest.SurveyPage;
import io.effortmap.survey.survey.rest.SurveyView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;

/**
 * Survey lifecycle: create and edit (after asking journey-service about the touchpoint), read, list, activate, close
 * and copy into a new version.
 */
@ApplicationScoped
public class SurveyService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    @Inject
    SurveyRepository repository;

    @Inject
    JourneyClient journeys;

    @Inject
    IdempotencyRepository idempotencyKeys;

    /**
     * Validates, checks the touchpoint with the caller's own token, and only then writes: when journey-service is down
     * the request fails with 503 before any transaction starts.
     */
    public Uni<Idempotency.Outcome<SurveyView>> create(String workspace, String bearer, String idempotencyKey,
            CreateSurveyRequest request) {
        return Uni.createFrom().item(() -> {
                    String key = IdempotencyKey.parse(idempotencyKey);
                    return new Keyed<>(key, SurveyRequestValidator.validate(request),
                            key == null ? null : Fingerprint.of("POST /api/v1/surveys", request));
                })
                .call(keyed -> checkTouchpoint(bearer, keyed.value()))
                .chain(keyed -> Idempotency.create(idempotencyKeys, workspace, keyed.key(), keyed.fingerprint(),
                        () -> UUID.randomUUID().toString(),
                        id -> Panache.withTransaction(() -> repository.persist(
                                SurveyMapper.toEntity(UUID.fromString(id), workspace, keyed.value(), now())))
                                .map(SurveyMapper::toView),
                        id -> find(workspace, UUID.fromString(id)),
                        IdempotencyRepository::isUniqueViolation));
    }

    /** A validated request with the Idempotency-Key it came with. */
    private record Keyed<T>(String key, T value, String fingerprint) {
    }

    public Uni<SurveyView> get(String workspace, String id) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(IdShape.SURVEY.notFoundInPath("id"));
        }
        return find(workspace, uuid).onItem().ifNull().failWith(() -> notFound(id));
    }

    /** The survey, or a null item when the workspace has none with that id. */
    private Uni<SurveyView> find(String workspace, UUID id) {
        return Panache.withSession(() -> repository.findInWorkspace(id, workspace))
                .map(found -> found.map(SurveyMapper::toView).orElse(null));
    }

    public Uni<SurveyPage> list(String workspace, String status, String touchpointId, String kind, String limit,
            String after) {
        SurveyStatus statusFilter;
        QuestionKind kindFilter;
        int pageSize;
        SurveyCursor cursor;
        try {
            statusFilter = parseStatus(status);
            kindFilter = parseKind(kind);
            pageSize = QueryParams.limit("limit", limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
            cursor = SurveyCursor.decode(after);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        String touchpoint = touchpointId == null || touchpointId.isBlank() ? null : touchpointId;
        if (touchpoint != null && !IdShape.TOUCHPOINT.matches(touchpoint)) {
            return Uni.createFrom().failure(ProblemException.badRequest("touchpointId", IdShape.TOUCHPOINT.expectation()));
        }
        return Panache.withSession(() -> repository.page(workspace, statusFilter, touchpoint, kindFilter,
                        cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), pageSize + 1))
                .map(found -> {
                    boolean more = found.size() > pageSize;
                    List<SurveyEntity> page = more ? found.subList(0, pageSize) : found;
                    SurveyEntity last = page.isEmpty() ? null : page.getLast();
                    return new SurveyPage(page.stream().map(SurveyMapper::toView).toList(),
                            more ? SurveyCursor.encode(last.createdAt, last.id) : null);
                });
    }

    /**
     * Replaces a DRAFT's name, touchpoint, company and questions. {@code If-Match} is required (428 without it), so an
     * edit never silently overwrites another one. The survey is read first so that an unknown, stale or non-DRAFT survey
     * answers before journey-service is asked about a changed touchpoint; the checks are repeated in the transaction.
     */
    public Uni<SurveyView> update(String workspace, String bearer, String id, String ifMatch,
            CreateSurveyRequest request) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(IdShape.SURVEY.notFoundInPath("id"));
        }
        long expected;
        NewSurvey survey;
        try {
            expected = IfMatch.version(ifMatch);
            survey = SurveyRequestValidator.validate(request);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withSession(() -> repository.findInWorkspace(uuid, workspace))
                .map(found -> {
                    SurveyEntity current = found.orElseThrow(() -> notFound(id));
                    checkIfMatch(current, expected);
                    return requireDraft(current);
                })
                .call(current -> current.journeyId.equals(survey.journeyId())
                                && current.touchpointId.equals(survey.touchpointId())
                        ? Uni.createFrom().voidItem()
                        : checkTouchpoint(bearer, survey))
                .chain(() -> change(workspace, uuid, expected,
                        current -> SurveyMapper.apply(requireDraft(current), survey)));
    }

    /** DRAFT to ACTIVE; questions are frozen from then on. */
    public Uni<SurveyView> activate(String workspace, String id, String ifMatch) {
        return change(workspace, id, ifMatch, survey -> {
            if (survey.status != SurveyStatus.DRAFT) {
                throw ProblemException.conflict("Only a DRAFT survey can be activated; this one is " + survey.status);
            }
            survey.status = SurveyStatus.ACTIVE;
            survey.activatedAt = survey.updatedAt;
        });
    }

    /** ACTIVE to CLOSED; a CLOSED survey accepts no responses. */
    public Uni<SurveyView> close(String workspace, String id, String ifMatch) {
        return change(workspace, id, ifMatch, survey -> {
            if (survey.status != SurveyStatus.ACTIVE) {
                throw ProblemException.conflict("Only an ACTIVE survey can be closed; this one is " + survey.status);
            }
            survey.status = SurveyStatus.CLOSED;
            survey.closedAt = survey.updatedAt;
        });
    }

    /**
     * A new DRAFT copying the survey's touchpoint and questions, with {@code previousVersionId}: the way to change the
     * questions of a survey that is (or was) ACTIVE, because stored answers must keep the meaning of their question.
     */
    public Uni<Idempotency.Outcome<SurveyView>> newVersion(String workspace, String id, String idempotencyKey) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(IdShape.SURVEY.notFoundInPath("id"));
        }
        String key;
        try {
            key = IdempotencyKey.parse(idempotencyKey);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return find(workspace, uuid).onItem().ifNull().failWith(() -> notFound(id))
                .chain(() -> Idempotency.create(idempotencyKeys, workspace, key,
                        Fingerprint.of("POST /api/v1/surveys/" + uuid + "/versions", ""), () -> UUID.randomUUID().toString(),
                        newId -> Panache.withTransaction(() -> repository.findInWorkspace(uuid, workspace).chain(found -> {
                            SurveyEntity from = found.orElseThrow(() -> notFound(id));
                            return repository.persist(SurveyMapper.newVersion(UUID.fromString(newId), from, now()));
                        })).map(SurveyMapper::toView),
                        newId -> find(workspace, UUID.fromString(newId)),
                        IdempotencyRepository::isUniqueViolation));
    }

    /**
     * Reads the survey in a transaction, checks {@code If-Match} (stale: 412), applies {@code change} (which throws
     * for a wrong status) and stamps {@code updatedAt} before the change runs. A concurrent change that slips between
     * read and write is caught by the version column: 412 with If-Match, else 409.
     */
    private Uni<SurveyView> change(String workspace, String id, String ifMatch, Consumer<SurveyEntity> change) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(IdShape.SURVEY.notFoundInPath("id"));
        }
        long expected;
        try {
            expected = IfMatch.version(ifMatch);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return change(workspace, uuid, expected, change);
    }

    private Uni<SurveyView> change(String workspace, UUID uuid, long expected, Consumer<SurveyEntity> change) {
        String id = uuid.toString();
        return Panache.withTransaction(() -> repository.findInWorkspace(uuid, workspace).chain(found -> {
                    SurveyEntity survey = found.orElseThrow(() -> notFound(id));
                    checkIfMatch(survey, expected);
                    survey.updatedAt = now();
                    change.accept(survey);
                    return repository.flush().replaceWith(survey);
                }))
                .map(SurveyMapper::toView)
                .onFailure(SurveyService::isOptimisticLockFailure)
                .transform(e -> IfMatch.stale("The survey"));
    }

    private static SurveyEntity requireDraft(SurveyEntity survey) {
        if (survey.status != SurveyStatus.DRAFT) {
            throw ProblemException.conflict("Only a DRAFT survey can be edited; this one is " + survey.status
                    + ". Create a new version with POST /api/v1/surveys/" + survey.id + "/versions");
        }
        return survey;
    }

    private static void checkIfMatch(SurveyEntity survey, long expected) {
        if (survey.version != expected) {
            throw ProblemException.preconditionFailed(
                    "The survey has changed: its current ETag is \"" + survey.version + "\"");
        }
    }

    private Uni<Void> checkTouchpoint(String bearer, NewSurvey survey) {
        return journeys.touchpoint(bearer, survey.journeyId(), survey.touchpointId())
                .onFailure(TouchpointNotFoundException.class)
                .transform(e -> ProblemException.unprocessable("touchpointId",
                        "is not a touchpoint of journey '" + survey.journeyId() + "' in your workspace"))
                .onFailure(JourneyRefusedException.class)
                .transform(e -> ProblemException.unprocessable("touchpointId",
                        "could not be confirmed as a touchpoint of journey '" + survey.journeyId()
                                + "' in your workspace (" + e.getMessage() + ")"))
                .replaceWithVoid();
    }

    /** Surveys by id within a workspace, for validating responses; unknown ids are simply absent. */
    public Uni<Map<UUID, SurveySnapshot>> snapshots(String workspace, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> repository.findAllInWorkspace(ids, workspace))
                .map(found -> found.values().stream()
                        .collect(Collectors.toMap(s -> s.id, SurveyMapper::toSnapshot)));
    }

    private static SurveyStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return SurveyStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be DRAFT, ACTIVE or CLOSED");
        }
    }

    private static QuestionKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return QuestionKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind", "must be CES, CSAT, NPS or COMMENT");
        }
    }

    private static boolean isOptimisticLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No survey " + id + " in your workspace", "id", "is not a survey of your workspace");
    }

    /** PostgreSQL keeps microseconds; truncating here keeps keyset cursors exact. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
