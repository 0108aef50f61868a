package io.effortmap.survey.survey.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.journey.client.JourneyClient;
import io.effortmap.survey.journey.client.TouchpointNotFoundException;
import io.effortmap.survey.shared.Ids;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.survey.survey.mapping.SurveyMapper;
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
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;

/** Survey lifecycle: create (after asking journey-service about the touchpoint), read, list, activate. */
@ApplicationScoped
public class SurveyService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    @Inject
    SurveyRepository repository;

    @Inject
    JourneyClient journeys;

    /**
     * Validates, checks the touchpoint with the caller's own token, and only then writes: when journey-service is down
     * the request fails with 503 before any transaction starts.
     */
    public Uni<SurveyView> create(String workspace, String bearer, CreateSurveyRequest request) {
        return Uni.createFrom().item(() -> SurveyRequestValidator.validate(request))
                .call(survey -> journeys.touchpoint(bearer, survey.journeyId(), survey.touchpointId())
                        .onFailure(TouchpointNotFoundException.class)
                        .transform(e -> ProblemException.unprocessable("touchpointId",
                                "is not a touchpoint of journey '" + survey.journeyId() + "' in your workspace")))
                .chain(survey -> Panache.withTransaction(() -> repository.persist(
                        SurveyMapper.toEntity(UUID.randomUUID(), workspace, survey, now()))))
                .map(SurveyMapper::toView);
    }

    public Uni<SurveyView> get(String workspace, String id) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        return Panache.withSession(() -> repository.findInWorkspace(uuid, workspace))
                .map(found -> found.map(SurveyMapper::toView).orElseThrow(() -> notFound(id)));
    }

    public Uni<SurveyPage> list(String workspace, String status, String touchpointId, String limit, String after) {
        SurveyStatus statusFilter;
        int pageSize;
        SurveyCursor cursor;
        try {
            statusFilter = parseStatus(status);
            pageSize = QueryParams.limit("limit", limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
            cursor = SurveyCursor.decode(after);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        String touchpoint = touchpointId == null || touchpointId.isBlank() ? null : touchpointId;
        return Panache.withSession(() -> repository.page(workspace, statusFilter, touchpoint,
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
     * DRAFT to ACTIVE. A stale {@code If-Match} answers 412; a concurrent change that slips between read and write is
     * caught by the version column and answers 412 too (or 409 without If-Match).
     */
    public Uni<SurveyView> activate(String workspace, String id, IfMatch ifMatch) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        return Panache.withTransaction(() -> repository.findInWorkspace(uuid, workspace).chain(found -> {
                    SurveyEntity survey = found.orElseThrow(() -> notFound(id));
                    if (ifMatch != null && !ifMatch.matches(survey.version)) {
                        throw ProblemException.preconditionFailed(
                                "The survey has changed: its current ETag is \"" + survey.version + "\"");
                    }
                    if (survey.status != SurveyStatus.DRAFT) {
                        throw ProblemException.conflict("Only a DRAFT survey can be activated; this one is " + survey.status);
                    }
                    Instant now = now();
                    survey.status = SurveyStatus.ACTIVE;
                    survey.activatedAt = now;
                    survey.updatedAt = now;
                    return repository.flush().replaceWith(survey);
                }))
                .map(SurveyMapper::toView)
                .onFailure(SurveyService::isOptimisticLockFailure)
                .transform(e -> ifMatch != null
                        ? ProblemException.preconditionFailed("The survey was changed concurrently; read it again")
                        : ProblemException.conflict("The survey was changed concurrently; read it again"));
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
            throw ProblemException.badRequest("status", "must be DRAFT or ACTIVE");
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
        return ProblemException.notFound("No survey " + id + " in your workspace");
    }

    /** PostgreSQL keeps microseconds; truncating here keeps keyset cursors exact. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
