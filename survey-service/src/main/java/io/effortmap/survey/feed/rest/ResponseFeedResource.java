package io.effortmap.survey.feed.rest;

import io.effortmap.common.security.Roles;
import io.effortmap.survey.feed.service.ResponseFeedService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Change feed of all workspaces' responses for Effortmap's own services (metrics-service). */
@Path("/internal/v1/feed/responses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal feeds")
public class ResponseFeedResource {

    @Inject
    ResponseFeedService feed;

    @GET
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Responses after a position, in commit-safe order; never skips a committed response")
    public Uni<FeedPage> read(@RestQuery String after, @RestQuery String limit) {
        return feed.read(after, limit);
    }
}
