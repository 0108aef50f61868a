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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
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
    @Operation(summary = "Read the interaction change feed", description = "Every accepted interaction exactly once, in position order")
    @APIResponse(responseCode = "200", description = "Interactions after the cursor in position order; pass next as after",
            content = @Content(schema = @Schema(implementation = InteractionFeedPage.class), examples = @ExampleObject(name = "page", value = """
                    {"items": [{"position": "0000000000000000043", "id": "ix_Ab3dE5gH7jK9mN1p", "workspace": "acme", "source": "crm-acme",
                                "externalId": "crm-123", "customerId": "c-1", "journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R",
                                "stageId": "st_Qm2cX0aZb9Lp", "channel": "web", "occurredAt": "2026-11-01T10:00:00Z",
                                "receivedAt": "2026-11-01T10:00:05.123Z", "outcome": "resolved", "durationSeconds": 120,
                                "segments": {"region": "EU"}}],
                     "next": "0000000000000000043"}""")))
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<InteractionFeedPage> read(
            @Parameter(description = "next of the previous page; omit to start at the beginning") @QueryParam("after") String after,
            @Parameter(description = "1 to 1000, default 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit) {
        return service.read(after, limit);
    }
}
