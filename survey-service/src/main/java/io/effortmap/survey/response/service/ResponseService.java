package io.effortmap.survey.response.service;

import io.effortmap.common.ids.IdShape;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.response.mapping.ResponseRows;
import io.effortmap.survey.response.repository.ResponseRepository;
import io.effortmap.survey.response.repository.StoredKey;
import io.effortmap.survey.response.rest.ResponseView;
import io.effortmap.survey.response.rest.SubmitResponseRequest;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.shared.Ids;
import io.effortmap.survey.survey.service.SurveyService;
import io.effortmap.survey.survey.service.SurveySnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores survey responses exactly once per (workspace, source, idempotency key). The unique constraint is the
 * arbiter: concurrent submissions of one key all reach {@code INSERT ... ON CONFLICT DO NOTHING}, exactly one inserts,
 * the others wait for it to commit and then replay its response.
 */
@ApplicationScoped
public class ResponseService {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;
    private static final String DEADLOCK = "40P01";

    @Inject
    Pool pool;

    @Inject
    ResponseRepository repository;

    @Inject
    SurveyService surveys;

    public Uni<SubmitOutcome> submit(String workspace, String source, String idempotencyKey,
            SubmitResponseRequest request) {
        return Uni.createFrom().item(() -> {
            FieldErrors errors = new FieldErrors();
            String keyProblem = keyProblem(idempotencyKey);
            if (keyProblem != null) {
                errors.add(IDEMPOTENCY_KEY, keyProblem);
                errors.throwIfAnyBadRequest();
            }
            if (request == null) {
                errors.add("body", "is required");
                errors.throwIfAnyBadRequest();
            }
            ParsedResponse parsed = ResponseValidator.parse(request, errors);
            errors.throwIfAnyBadRequest();
            return parsed;
        }).chain(parsed -> {
            String hash = RequestHasher.hash(parsed);
            return repository.findKeys(workspace, source, List.of(idempotencyKey)).chain(stored -> stored.isEmpty()
                    ? store(workspace, source, idempotencyKey, hash, parsed)
                    : replay(workspace, stored.get(idempotencyKey), hash));
        });
    }

    /**
     * A response from another entry point (the public survey link) checked exactly like a CRM submission: 400 for its
     * shape, 422 against the survey. The caller has checked that the survey is ACTIVE.
     */
    public NewResponse validate(String workspace, String source, String key, ResponseInput input,
            SurveySnapshot survey) {
        FieldErrors errors = new FieldErrors();
        ParsedResponse parsed = ResponseValidator.parse(input, errors);
        errors.throwIfAnyBadRequest();
        ResponseValidator.checkAgainst(parsed, survey, Instant.now(), errors);
        errors.throwIfAnyUnprocessable();
        return NewResponse.of(UUID.randomUUID(), workspace, source, key, RequestHasher.hash(parsed), parsed, survey);
    }

    public Uni<ResponseView> get(String workspace, String id) {
        UUID uuid = Ids.parse(id).orElse(null);
        if (uuid == null) {
            return Uni.createFrom().failure(IdShape.RESPONSE.notFoundInPath("id"));
        }
        return repository.findViews(workspace, List.of(uuid))
                .map(found -> found.stream().findFirst().orElseThrow(() -> notFound(id)));
    }

    private Uni<SubmitOutcome> store(String workspace, String source, String key, String hash, ParsedResponse parsed) {
        return surveys.snapshots(workspace, Set.of(parsed.surveyId())).chain(found -> {
            SurveySnapshot survey = found.get(parsed.surveyId());
            String surveyProblem = ResponseValidator.surveyProblem(survey);
            if (surveyProblem != null) {
                List<Problem.FieldError> error = List.of(new Problem.FieldError("surveyId", surveyProblem));
                throw survey == null
                        ? ProblemException.invalid(422, "Unprocessable Content", error)
                        : ProblemException.invalid(409, "Conflict", error);
            }
            FieldErrors errors = new FieldErrors();
            ResponseValidator.checkAgainst(parsed, survey, Instant.now(), errors);
            errors.throwIfAnyUnprocessable();
            NewResponse response = NewResponse.of(UUID.randomUUID(), workspace, source, key, hash, parsed, survey);
            return insert(List.of(response)).chain(inserted -> {
                Instant receivedAt = inserted.get(response.id());
                if (receivedAt != null) {
                    return Uni.createFrom().item(new SubmitOutcome(ResponseRows.toView(response, receivedAt), false));
                }
                // A concurrent request with the same key won the insert and has committed: answer with its response.
                return repository.findKeys(workspace, source, List.of(key))
                        .chain(stored -> replay(workspace, stored.get(key), hash));
            });
        });
    }

    private Uni<SubmitOutcome> replay(String workspace, StoredKey stored, String hash) {
        if (stored == null) {
            return Uni.createFrom().failure(new IllegalStateException("Idempotency key conflict without a stored row"));
        }
        if (!stored.requestHash().equals(hash)) {
            return Uni.createFrom().failure(ProblemException.unprocessable(IDEMPOTENCY_KEY,
                    "was already used for a different response; send a new key for new content"));
        }
        return repository.findViews(workspace, List.of(stored.id()))
                .map(views -> new SubmitOutcome(views.getFirst(), true));
    }

    /**
     * Inserts responses and their answers in one transaction: nothing is half-written. Rows are inserted in key order so
     * two overlapping batches take their unique-index locks in the same order (no deadlock); should PostgreSQL still
     * report one, the whole transaction is retried.
     */
    Uni<Map<UUID, Instant>> insert(List<NewResponse> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<NewResponse> ordered = batch.stream().sorted(Comparator.comparing(NewResponse::idempotencyKey)).toList();
        return pool.withTransaction(conn -> repository.insert(conn, ordered)
                        .call(inserted -> repository.insertAnswers(conn,
                                ordered.stream().filter(r -> inserted.containsKey(r.id())).toList())))
                .onFailure(e -> e instanceof PgException pg && DEADLOCK.equals(pg.getSqlState()))
                .retry().atMost(2);
    }

    static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "header is required";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "must be at most " + MAX_KEY_LENGTH + " characters";
        }
        if (key.isBlank() || key.chars().anyMatch(Character::isISOControl)) {
            return "must be visible characters";
        }
        return null;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No response " + id + " in your workspace", "id",
                "is not a response of your workspace");
    }
}
