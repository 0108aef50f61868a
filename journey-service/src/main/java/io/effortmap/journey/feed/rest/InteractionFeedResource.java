package io.effortmap.journey.feed.rest;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.Roles;
import io.effortmap.journey.feed.service.InteractionFeedService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Change feed for Effortmap's own services (never routed by the gateway). Spans all workspaces. */
@Path("/internal/v1/feed/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal feeds")
public class InteractionFeedResource {

    @Inject
    InteractionFeedService service;

    @GET
    @RolesAllowed(Roles.SERVICE)
    @APIResponse(responseCode = "200", description = "Interactions after the cursor in position order; pass next as after")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<InteractionFeedPage> read(
            @Parameter(description = "next of the previous page; omit to start at the beginning") @QueryParam("after") String after,
            @Parameter(description = "1 to 1000, default 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit) {
        return service.read(after, limit);
    }
}
