package io.effortmap.survey.response.rest;

import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.survey.response.service.BulkResponseService;
import io.effortmap.survey.response.service.ResponseService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/responses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Responses")
public class ResponseResource {

    public static final String REPLAYED = "Idempotency-Replayed";

    @Inject
    ResponseService responses;

    @Inject
    BulkResponseService bulk;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Submit one response; 201 when stored, 200 with Idempotency-Replayed: true for a replay")
    public Uni<RestResponse<ResponseView>> submit(
            @Parameter(required = true, description = "1-200 characters, unique per response for this client")
            @RestHeader("Idempotency-Key") String idempotencyKey,
            SubmitResponseRequest request) {
        return responses.submit(caller.workspace(), caller.clientId(), idempotencyKey, request)
                .map(outcome -> outcome.replayed()
                        ? RestResponse.ResponseBuilder.ok(outcome.response()).header(REPLAYED, "true").build()
                        : RestResponse.ResponseBuilder.<ResponseView>created(
                                URI.create("/api/v1/responses/" + outcome.response().id()))
                                .entity(outcome.response()).build());
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Submit up to 1,000 responses, idempotent per externalId; valid items are stored even when others are rejected")
    public Uni<BulkResponse> submitBulk(BulkRequest request) {
        return bulk.submit(caller.workspace(), caller.clientId(), request);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read one response of the caller's workspace")
    public Uni<ResponseView> get(@RestPath String id) {
        return responses.get(caller.workspace(), id);
    }
}
