package io.effortmap.survey.feed.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.feed.repository.ResponseFeedRepository;
import io.effortmap.survey.feed.rest.FeedPage;
import io.effortmap.common.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Pages of the response change feed. */
@ApplicationScoped
public class ResponseFeedService {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    @Inject
    ResponseFeedRepository repository;

    public Uni<FeedPage> read(String after, String limit) {
        FeedPosition position;
        int pageSize;
        try {
            position = FeedPosition.parse(after);
            pageSize = QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return repository.after(position, pageSize).map(items -> new FeedPage(items,
                items.isEmpty() ? position.toString() : items.getLast().position()));
    }
}
