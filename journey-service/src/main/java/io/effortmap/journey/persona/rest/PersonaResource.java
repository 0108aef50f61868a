package io.effortmap.journey.persona.rest;

import io.effortmap.common.idempotency.CreatedAnswer;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.journey.persona.service.PersonaService;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.journey.support.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path(PersonaResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Personas")
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PersonaResource {

    public static final String PATH = "/api/v1/personas";

    static final String REQUEST_EXAMPLE = """
            {"name": "Busy parent", "description": "Shops on the phone in short breaks",
             "goals": ["Order in under 2 minutes"], "frustrations": ["Forms that forget input"],
             "segments": {"region": "EU", "plan": "gold"}}""";
    static final String RESPONSE_EXAMPLE = """
            {"id": "pe_3kT9xQa0Zb1c", "name": "Busy parent", "description": "Shops on the phone in short breaks",
             "goals": ["Order in under 2 minutes"], "frustrations": ["Forms that forget input"],
             "segments": {"region": "EU", "plan": "gold"}, "version": 1,
             "createdAt": "2026-11-01T10:00:00Z", "updatedAt": "2026-11-01T10:00:00Z"}""";

    @Inject
    PersonaService service;

    @Inject
    CallerContext caller;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Create a persona")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PersonaRequest.class),
            examples = @ExampleObject(name = "persona", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the persona and its version",
            content = @Content(schema = @Schema(implementation = PersonaResponse.class), examples = @ExampleObject(name = "persona", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "A replay (same Idempotency-Key and body): the persona created first, Idempotency-Replayed: true",
            content = @Content(schema = @Schema(implementation = PersonaResponse.class), examples = @ExampleObject(name = "persona", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; errors name each field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "invalid", value = """
                    {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "name: must not be blank",
                     "errors": [{"field": "name", "message": "must not be blank"}]}""")))
    public Uni<RestResponse<PersonaResponse>> create(
            @Parameter(description = "Up to 200 visible characters; a retry with the same key and body answers the persona "
                    + "created first (200, Idempotency-Replayed: true), the same key with another body 422")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            PersonaRequest request) {
        return service.create(caller.workspace(), identity.getPrincipal().getName(), idempotencyKey, request)
                .map(outcome -> CreatedAnswer.of(outcome, PATH + "/" + outcome.value().id(),
                        IfMatch.etag(outcome.value().version())));
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List the personas of the workspace", description = "Keyset pages ordered by id")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one",
            content = @Content(examples = @ExampleObject(name = "page", value = "{\"items\": [" + RESPONSE_EXAMPLE + "], \"next\": null}")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<PersonaResponse>> list(
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.list(caller.workspace(), after, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read a persona", description = "The ETag is the version to send as If-Match when changing it")
    @APIResponse(responseCode = "200", description = "The persona",
            content = @Content(schema = @Schema(implementation = PersonaResponse.class), examples = @ExampleObject(name = "persona", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such persona in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<PersonaResponse>> get(@PathParam("id") String id) {
        return service.get(caller.workspace(), id)
                .map(p -> RestResponse.ResponseBuilder.ok(p).tag(IfMatch.etag(p.version())).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Replace a persona", description = "Every field is replaced; If-Match is required")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PersonaRequest.class),
            examples = @ExampleObject(name = "persona", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The updated persona; ETag carries its new version",
            content = @Content(schema = @Schema(implementation = PersonaResponse.class), examples = @ExampleObject(name = "persona", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid body or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such persona in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<PersonaResponse>> replace(@PathParam("id") String id,
            @Parameter(description = "ETag of the persona as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            PersonaRequest request) {
        return service.replace(caller.workspace(), id, ifMatch, request)
                .map(p -> RestResponse.ResponseBuilder.ok(p).tag(IfMatch.etag(p.version())).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Delete a persona", description = "Refused while a journey references it; If-Match is required")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such persona in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A journey still references the persona", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "in use", value = """
                    {"type": "about:blank", "title": "Conflict", "status": 409,
                     "detail": "The persona is used by journey jr_5fGh7JkL9mNp; remove it from personaIds there first"}""")))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id,
            @Parameter(description = "ETag of the persona as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.delete(caller.workspace(), id, ifMatch).map(ignored -> RestResponse.noContent());
    }
}
