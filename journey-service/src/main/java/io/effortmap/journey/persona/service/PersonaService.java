package io.effortmap.journey.persona.service;

import io.effortmap.common.idempotency.Fingerprint;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.ids.IdShape;
import io.effortmap.journey.support.IdempotencyRepository;
import io.effortmap.journey.support.MongoIndexes;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.validation.RequestValidator;
import io.effortmap.journey.journey.repository.JourneyRepository;
import io.effortmap.journey.persona.mapping.PersonaMapper;
import io.effortmap.journey.persona.repository.PersonaDocument;
import io.effortmap.journey.persona.repository.PersonaRepository;
import io.effortmap.journey.persona.rest.PersonaRequest;
import io.effortmap.journey.persona.rest.PersonaResponse;
import io.effortmap.journey.support.Ids;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.journey.support.MongoErrors;
import io.effortmap.journey.support.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Personas of one workspace. Updates and deletes are conditional on the version the client read (If-Match). */
@ApplicationScoped
public class PersonaService {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    @Inject
    PersonaRepository repository;

    @Inject
    JourneyRepository journeys;

    @Inject
    PersonaMapper mapper;

    @Inject
    RequestValidator validator;

    @Inject
    IdempotencyRepository idempotencyKeys;

    @Inject
    MongoIndexes indexes;

    Clock clock = Clock.systemUTC();

    /** With an {@code Idempotency-Key} a retry answers the persona the first request created. */
    public Uni<Idempotency.Outcome<PersonaResponse>> create(String workspace, String createdBy, String idempotencyKey,
            PersonaRequest request) {
        String key = IdempotencyKey.parse(idempotencyKey);
        validator.check(request);
        Instant now = now();
        String fingerprint = Fingerprint.of("POST /api/v1/personas", request);
        return (key == null ? Uni.createFrom().voidItem() : indexes.awaitReady())
                .chain(() -> Idempotency.create(idempotencyKeys, workspace, key, fingerprint, () -> Ids.newId(Ids.PERSONA),
                        id -> {
                            PersonaDocument doc = new PersonaDocument();
                            doc.id = id;
                            doc.workspace = workspace;
                            doc.version = 1;
                            doc.createdAt = now;
                            doc.updatedAt = now;
                            doc.createdBy = createdBy;
                            mapper.apply(request, doc);
                            return repository.insert(doc).replaceWith(() -> mapper.toResponse(doc));
                        },
                        id -> repository.findInWorkspace(workspace, id).map(d -> d == null ? null : mapper.toResponse(d)),
                        MongoErrors::isDuplicateKey))
                .onFailure().transform(MongoErrors::translate);
    }

    public Uni<PersonaResponse> get(String workspace, String id) {
        return find(workspace, id).map(mapper::toResponse);
    }

    public Uni<Page<PersonaResponse>> list(String workspace, String after, String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (after != null && !after.isEmpty() && !Ids.isWellFormed(after, Ids.PERSONA)) {
            throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
        }
        return repository.list(workspace, after == null || after.isEmpty() ? null : after, limit + 1)
                .onFailure().transform(MongoErrors::translate)
                .map(docs -> {
                    boolean more = docs.size() > limit;
                    List<PersonaDocument> page = more ? docs.subList(0, limit) : docs;
                    return new Page<>(page.stream().map(mapper::toResponse).toList(), more ? page.getLast().id : null);
                });
    }

    public Uni<PersonaResponse> replace(String workspace, String id, String ifMatch, PersonaRequest request) {
        long expected = IfMatch.version(ifMatch);
        validator.check(request);
        return find(workspace, id).chain(current -> {
            if (current.version != expected) {
                throw IfMatch.stale("The persona");
            }
            current.version = expected + 1;
            current.updatedAt = now();
            mapper.apply(request, current);
            return repository.replaceIfVersion(current, expected)
                    .onFailure().transform(MongoErrors::translate)
                    .onItem().ifNull().failWith(() -> IfMatch.stale("The persona"))
                    .map(mapper::toResponse);
        });
    }

    /**
     * A persona that a journey still references cannot be deleted (409), so journeys never point at nothing. A journey
     * adding the reference at the very same moment can still slip through; journeys show such an id as it is.
     */
    public Uni<Void> delete(String workspace, String id, String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        return find(workspace, id)
                .chain(current -> {
                    if (current.version != expected) {
                        throw IfMatch.stale("The persona");
                    }
                    return journeys.referencingPersona(workspace, id);
                })
                .chain(journeyId -> {
                    if (journeyId != null) {
                        throw ProblemException.conflict("The persona is used by journey " + journeyId
                                + "; remove it from personaIds there first");
                    }
                    return repository.deleteIfVersion(workspace, id, expected);
                })
                .onFailure().transform(MongoErrors::translate)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw IfMatch.stale("The persona");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<PersonaDocument> find(String workspace, String id) {
        if (!Ids.isWellFormed(id, Ids.PERSONA)) {
            return Uni.createFrom().failure(IdShape.PERSONA.notFoundInPath("id"));
        }
        return repository.findInWorkspace(workspace, id)
                .onFailure().transform(MongoErrors::translate)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No persona " + id, "id",
                        "is not a persona of your workspace"));
    }

    private Instant now() {
        // MongoDB keeps milliseconds; truncating keeps responses equal to later reads.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
