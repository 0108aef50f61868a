package io.effortmap.survey.invitation.rest;

import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.security.CallerContext;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestHeader;
import io.effortmap.common.security.Roles;
import io.effortmap.survey.invitation.service.InvitationService;
import io.effortmap.survey.response.rest.ResponseResource;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.effortmap.survey.shared.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations")
public class InvitationResource {

    @Inject
    InvitationService invitations;

    @Inject
    CallerContext caller;

    @POST
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Invite a customer to an ACTIVE survey: 201 with the single-use token and link (shown once);"
            + " 200 with Idempotency-Replayed: true and no token when the externalId is already stored")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InvitationRequest.class),
            examples = @ExampleObject(name = "invitation", value = ApiExamples.CREATE_INVITATION)))
    @APIResponse(responseCode = "201", description = "Created; token and link are shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.INVITATION)))
    @APIResponse(responseCode = "200", description = "The externalId or Idempotency-Key was already used for this invitation: "
            + "that invitation, token and link null",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    public Uni<RestResponse<InvitationView>> create(
            @Parameter(description = "Up to 200 visible characters; a retry with the same key and body answers the "
                    + "invitation created first (200, Idempotency-Replayed: true, token and link null: only the token's "
                    + "hash is kept), the same key with another body 422") @RestHeader(IdempotencyKey.HEADER) String idempotencyKey,
            InvitationRequest request) {
        return invitations.create(caller.workspace(), caller.clientId(), idempotencyKey, request)
                .map(outcome -> outcome.replayed()
                        ? RestResponse.ResponseBuilder.ok(outcome.invitation())
                                .header(ResponseResource.REPLAYED, "true").build()
                        : RestResponse.status(RestResponse.Status.CREATED, outcome.invitation()));
    }

    @POST
    @Path("/bulk")
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Invite up to 1,000 customers, idempotent per externalId, with one result per item")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkInvitationRequest.class),
            examples = @ExampleObject(name = "batch", value = ApiExamples.BULK_INVITATIONS)))
    @APIResponse(responseCode = "200", description = "One result per item, in request order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BulkInvitationResponse.class),
                    examples = @ExampleObject(name = "results", value = ApiExamples.BULK_INVITATIONS_RESULT)))
    public Uni<BulkInvitationResponse> createBulk(BulkInvitationRequest request) {
        return invitations.createBulk(caller.workspace(), caller.clientId(), request);
    }
}
