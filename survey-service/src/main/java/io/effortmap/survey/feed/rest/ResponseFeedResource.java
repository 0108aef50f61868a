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
import io.effortmap.survey.shared.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @APIResponse(responseCode = "200", description = "A page; poll again with next",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class),
                    examples = @ExampleObject(name = "page", value = ApiExamples.FEED_PAGE)))
    public Uni<FeedPage> read(@RestQuery String after, @RestQuery String limit) {
        return feed.read(after, limit);
    }
}
