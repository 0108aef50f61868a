package io.effortmap.journey.interaction.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.journey.interaction.service.InteractionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public class InteractionResource {

    @Inject
    InteractionService service;

    @Inject
    CallerContext caller;

    /**
     * The body is taken as a JSON tree so that each item is bound and validated on its own: a malformed item is
     * rejected in its result while the others are stored.
     */
    @POST
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.ARRAY, minItems = 1,
            maxItems = InteractionService.MAX_ITEMS, implementation = InteractionRequest.class)))
    @APIResponse(responseCode = "200", description = "Per-item results; resending an item answers duplicate with the stored id",
            content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Not an array of 1 to 1000 items", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Storage not ready; retry after Retry-After seconds", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<IngestResult> ingest(JsonNode body) {
        return service.ingest(caller.workspace(), caller.clientId(), body);
    }
}
