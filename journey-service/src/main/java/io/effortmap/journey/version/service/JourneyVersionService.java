package io.effortmap.journey.version.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.journey.journey.rest.JourneyStatus;
import io.effortmap.journey.journey.service.JourneyService;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.journey.support.MongoErrors;
import io.effortmap.journey.support.Page;
import io.effortmap.journey.version.mapping.JourneyVersionMapper;
import io.effortmap.journey.version.repository.JourneyVersionDocument;
import io.effortmap.journey.version.repository.JourneyVersionRepository;
import io.effortmap.journey.version.rest.JourneyVersionDiff;
import io.effortmap.journey.version.rest.JourneyVersionResponse;
import io.effortmap.journey.version.rest.JourneyVersionSummary;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Publishing and reading immutable journey versions.
 *
 * <p>Publishing is the journey's conditional write (status PUBLISHED, {@code publishedVersion = n}), which lets exactly
 * one of several concurrent publishers win, followed by the insert of the snapshot of exactly that journey version
 * (the unique index on number makes a second version n impossible). Should the process die between the two writes,
 * the journey names a version that has no snapshot; the next publish still takes n + 1.
 */
@ApplicationScoped
public class JourneyVersionService {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 100;

    @Inject
    JourneyService journeys;

    @Inject
    JourneyVersionRepository repository;

    @Inject
    JourneyVersionMapper mapper;

    public Uni<JourneyVersionResponse> publish(String workspace, String journeyId, String ifMatch, String publishedBy) {
        JourneyService.checkPath(journeyId, null, null);
        long expected = IfMatch.version(ifMatch);
        return journeys.write(workspace, journeyId, expected, doc -> {
                    doc.publishedVersion = (doc.publishedVersion == null ? 0 : doc.publishedVersion) + 1;
                    doc.status = JourneyStatus.PUBLISHED.name();
                })
                .chain(doc -> {
                    JourneyVersionDocument snapshot = mapper.snapshot(doc, doc.publishedVersion, doc.updatedAt, publishedBy);
                    return repository.insert(snapshot)
                            .onFailure(e -> !MongoErrors.isDuplicateKey(e)).retry()
                            .withBackOff(Duration.ofMillis(100)).atMost(3)
                            .onFailure().transform(MongoErrors::translate)
                            .replaceWith(() -> mapper.toResponse(snapshot));
                });
    }

    public Uni<Page<JourneyVersionSummary>> list(String workspace, String journeyId, String afterParam, String limitParam) {
        JourneyService.checkPath(journeyId, null, null);
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        int after = afterParam == null || afterParam.isBlank() ? 0 : number("after", afterParam);
        return journeys.find(workspace, journeyId)
                .chain(journey -> repository.list(workspace, journeyId, after, limit + 1))
                .onFailure().transform(MongoErrors::translate)
                .map(docs -> {
                    boolean more = docs.size() > limit;
                    List<JourneyVersionDocument> page = more ? docs.subList(0, limit) : docs;
                    return new Page<>(page.stream().map(mapper::toSummary).toList(),
                            more ? Integer.toString(page.getLast().number) : null);
                });
    }

    public Uni<JourneyVersionResponse> get(String workspace, String journeyId, String numberParam) {
        JourneyService.checkPath(journeyId, null, null);
        int number = number("number", numberParam);
        return version(workspace, journeyId, number).map(mapper::toResponse);
    }

    public Uni<JourneyVersionDiff> diff(String workspace, String journeyId, String fromParam, String toParam) {
        JourneyService.checkPath(journeyId, null, null);
        int from = number("from", fromParam);
        int to = number("to", toParam);
        return version(workspace, journeyId, from)
                .chain(before -> version(workspace, journeyId, to).map(after -> VersionDiffer.diff(before, after)));
    }

    private Uni<JourneyVersionDocument> version(String workspace, String journeyId, int number) {
        return journeys.find(workspace, journeyId)
                .chain((JourneyDocument journey) -> repository.find(workspace, journeyId, number))
                .onFailure().transform(MongoErrors::translate)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Journey " + journeyId
                        + " has no published version " + number));
    }

    /** A version number from a path or query parameter: a whole number from 1. */
    private static int number(String name, String value) {
        if (value != null && value.matches("^[0-9]{1,9}$")) {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        }
        throw ProblemException.badRequest(name, "must be a version number (1, 2, …)");
    }
}
