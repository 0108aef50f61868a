package io.effortmap.journey.interaction.rest;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.journey.interaction.service.TimelineService;
import io.effortmap.journey.support.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/{customerId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public class CustomerTimelineResource {

    @Inject
    TimelineService service;

    @Inject
    CallerContext caller;

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "A customer's interactions in time order", description = "Ordered by occurredAt, then id; "
            + "touchpoint and stage names come from the current journey, else from the latest published version")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one",
            content = @Content(examples = @ExampleObject(name = "page", value = """
                    {"items": [{"id": "ix_Ab3dE5gH7jK9mN1p", "occurredAt": "2026-11-01T10:00:00Z", "journeyId": "jr_5fGh7JkL9mNp",
                                "journeyName": "Online purchase", "touchpointId": "tp_8Hn2Lq0xWc4R", "touchpointName": "Checkout",
                                "stageId": "st_Qm2cX0aZb9Lp", "stageName": "Buy", "touchpointRemoved": false, "channel": "web",
                                "outcome": "resolved", "durationSeconds": 120, "segments": {"region": "EU"}}],
                     "next": "1761991200000:ix_Ab3dE5gH7jK9mN1p"}""")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<TimelineItem>> timeline(@PathParam("customerId") String customerId,
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 200, default 50", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("limit") String limit) {
        return service.timeline(caller.workspace(), customerId, after, limit);
    }
}
