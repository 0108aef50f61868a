package io.effortmap.journey.journey.rest;

import io.effortmap.common.idempotency.CreatedAnswer;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.journey.journey.service.JourneyService;
import io.effortmap.journey.support.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import io.effortmap.journey.journey.repository.JourneyDocument;
import io.effortmap.common.rest.IfMatch;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Journeys")
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JourneyResource {

    public static final String PATH = "/api/v1/journeys";
    static final String IDEMPOTENCY_KEY = "Up to 200 visible characters; a retry with the same key and body answers the "
            + "journey created first (200, Idempotency-Replayed: true), the same key with another body 422";

    @Inject
    JourneyService service;

    @Inject
    CallerContext caller;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Create a journey", description = "Without stages the journey starts from the five-stage template")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateJourneyRequest.class),
            examples = @ExampleObject(name = "journey", value = Examples.CREATE_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the new journey and its version",
            content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "200", description = "A replay (same Idempotency-Key and body): the journey created first, Idempotency-Replayed: true",
            content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "422", description = "A persona id is unknown in the workspace or repeated, or the Idempotency-Key was used for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; errors name each field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> create(
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            CreateJourneyRequest request) {
        return service.create(caller.workspace(), identity.getPrincipal().getName(), idempotencyKey, request)
                .map(outcome -> CreatedAnswer.of(outcome, PATH + "/" + outcome.value().id(),
                        IfMatch.etag(outcome.value().version())));
    }

    @GET
    @Path("/{journeyId}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST, Roles.CRM_PARTNER})
    @Operation(summary = "Read a journey", description = "The ETag is the version to send as If-Match when changing it")
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its version",
            content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "404", description = "No such journey in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> get(@PathParam("journeyId") String id) {
        return service.get(caller.workspace(), id)
                .map(journey -> RestResponse.ResponseBuilder.ok(journey).tag(IfMatch.etag(journey.version())).build());
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST, Roles.CRM_PARTNER})
    @Operation(summary = "List the journeys of the workspace", description = "Keyset pages ordered by id")
    @APIResponse(responseCode = "200", description = "Journeys ordered by id; pass next as after for the following page",
            content = @Content(examples = @ExampleObject(name = "page", value = """
                    {"items": [{"id": "jr_5fGh7JkL9mNp", "name": "Online purchase", "description": "From first visit to first order",
                                "owner": "cx-team@example.com", "status": "PUBLISHED", "version": 4, "stageCount": 5,
                                "touchpointCount": 12, "createdAt": "2026-11-01T10:00:00Z", "updatedAt": "2026-11-02T09:00:00Z"}],
                     "next": "jr_5fGh7JkL9mNp"}""")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<JourneySummary>> list(
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.list(caller.workspace(), after, limit);
    }

    @GET
    @Path("/{journeyId}/touchpoints/{touchpointId}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST, Roles.CRM_PARTNER})
    @Operation(summary = "Look up a touchpoint", description = "Also resolves touchpoints removed since a published version (removed: true)")
    @APIResponse(responseCode = "200", description = "The touchpoint with its stage and targets",
            content = @Content(schema = @Schema(implementation = TouchpointResponse.class), examples = {
                    @ExampleObject(name = "current", value = """
                            {"journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_8Hn2Lq0xWc4R", "name": "Checkout", "channel": "web",
                             "stageId": "st_Qm2cX0aZb9Lp", "stageName": "Buy", "targets": {"CES": 5.5, "CES_AGREEMENT": 5.5, "CSATShare": 0.8, "NPS": 30}}"""),
                    @ExampleObject(name = "removed", value = """
                            {"journeyId": "jr_5fGh7JkL9mNp", "touchpointId": "tp_Lp0oK9iJ8uH7", "name": "Fax order", "channel": "other",
                             "stageId": "st_Qm2cX0aZb9Lp", "stageName": "Buy", "targets": {}, "removed": true}""")}))
    @APIResponse(responseCode = "404", description = "Journey or touchpoint unknown in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TouchpointResponse> touchpoint(@PathParam("journeyId") String journeyId,
            @PathParam("touchpointId") String touchpointId) {
        return service.touchpoint(caller.workspace(), journeyId, touchpointId);
    }

    @PUT
    @Path("/{journeyId}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Replace a journey", description = "The whole journey as it should be. Objects sent with an id keep it; "
            + "objects without one are new; what is left out is removed. If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReplaceJourneyRequest.class),
            examples = @ExampleObject(name = "replace", value = Examples.REPLACE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The stored journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "An id is not an object of this journey, or a persona is unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "unknown id", value = Examples.UNKNOWN_ID)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> replace(@PathParam("journeyId") String id, @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            ReplaceJourneyRequest request) {
        return ok(service.replace(caller.workspace(), id, ifMatch, request));
    }

    @POST
    @Path("/{journeyId}/stages")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Add a stage", description = "Inserted at index (0-based; default: at the end). If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateJourneyRequest.StageRequest.class), examples = @ExampleObject(name = "stage", value = "{\"name\": \"Onboarding\"}")))
    @APIResponse(responseCode = "201", description = "The journey with the new stage; Location names the stage", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> addStage(@PathParam("journeyId") String id, @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Parameter(description = "0-based position; default at the end", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("index") String index,
            CreateJourneyRequest.StageRequest request) {
        return service.addStage(caller.workspace(), id, ifMatch, index, request)
                .map(added -> created(added.journey(), PATH + "/" + id + "/stages/" + added.id()));
    }

    @PATCH
    @Path("/{journeyId}/stages/{stageId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Rename a stage", description = "The stage keeps its id. If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RenameStageRequest.class), examples = @ExampleObject(name = "rename", value = "{\"name\": \"Evaluate\"}")))
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> renameStage(@PathParam("journeyId") String id, @PathParam("stageId") String stageId,
            @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch, RenameStageRequest request) {
        return ok(service.renameStage(caller.workspace(), id, stageId, ifMatch, request));
    }

    @POST
    @Path("/{journeyId}/stages/{stageId}/move")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Move a stage", description = "index is the stage's position after the move. If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MoveRequest.class), examples = @ExampleObject(name = "first", value = "{\"index\": 0}")))
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> moveStage(@PathParam("journeyId") String id, @PathParam("stageId") String stageId,
            @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch, MoveRequest request) {
        return ok(service.moveStage(caller.workspace(), id, stageId, ifMatch, request));
    }

    @DELETE
    @Path("/{journeyId}/stages/{stageId}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Remove an empty stage", description = "409 while it has touchpoints or is the only stage. If-Match is required.")
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> removeStage(@PathParam("journeyId") String id, @PathParam("stageId") String stageId,
            @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return ok(service.removeStage(caller.workspace(), id, stageId, ifMatch));
    }

    @POST
    @Path("/{journeyId}/stages/{stageId}/touchpoints")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Add a touchpoint to a stage", description = "Inserted at index (default: at the end). If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateJourneyRequest.TouchpointRequest.class), examples = @ExampleObject(name = "touchpoint", value = Examples.TOUCHPOINT_REQUEST)))
    @APIResponse(responseCode = "201", description = "The journey with the new touchpoint; Location names the touchpoint", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> addTouchpoint(@PathParam("journeyId") String id, @PathParam("stageId") String stageId,
            @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Parameter(description = "0-based position; default at the end", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("index") String index,
            CreateJourneyRequest.TouchpointRequest request) {
        return service.addTouchpoint(caller.workspace(), id, stageId, ifMatch, index, request)
                .map(added -> created(added.journey(), PATH + "/" + id + "/touchpoints/" + added.id()));
    }

    @PUT
    @Path("/{journeyId}/touchpoints/{touchpointId}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Update a touchpoint", description = "Replaces the touchpoint's fields; it keeps its id and place. "
            + "Opportunities sent with an id keep it. If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReplaceJourneyRequest.TouchpointEdit.class), examples = @ExampleObject(name = "touchpoint", value = Examples.TOUCHPOINT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> updateTouchpoint(@PathParam("journeyId") String id,
            @PathParam("touchpointId") String touchpointId, @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            ReplaceJourneyRequest.TouchpointEdit request) {
        return ok(service.updateTouchpoint(caller.workspace(), id, touchpointId, ifMatch, request));
    }

    @POST
    @Path("/{journeyId}/touchpoints/{touchpointId}/move")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Move a touchpoint", description = "Within its stage, or to stageId; index is its position after the move. If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MoveRequest.class), examples = @ExampleObject(name = "to another stage", value = "{\"stageId\": \"st_Qm2cX0aZb9Lp\", \"index\": 0}")))
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> moveTouchpoint(@PathParam("journeyId") String id,
            @PathParam("touchpointId") String touchpointId, @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch, MoveRequest request) {
        return ok(service.moveTouchpoint(caller.workspace(), id, touchpointId, ifMatch, request));
    }

    @DELETE
    @Path("/{journeyId}/touchpoints/{touchpointId}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Remove a touchpoint", description = "Its id stays resolvable through published versions. If-Match is required.")
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> removeTouchpoint(@PathParam("journeyId") String id,
            @PathParam("touchpointId") String touchpointId, @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return ok(service.removeTouchpoint(caller.workspace(), id, touchpointId, ifMatch));
    }

    @POST
    @Path("/{journeyId}/archive")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Archive a journey", description = "An archived journey is read-only; its touchpoints stay resolvable. If-Match is required.")
    @APIResponse(responseCode = "200", description = "The archived journey; ETag carries its new version", content = @Content(schema = @Schema(implementation = JourneyResponse.class), examples = @ExampleObject(name = "journey", value = Examples.JOURNEY)))
    @APIResponse(responseCode = "400", description = "Invalid body, index or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey, stage or touchpoint in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived, or the edit would leave it inconsistent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "stale", value = Examples.STALE)))
    @APIResponse(responseCode = "422", description = "Target stage or index outside the journey, or a size bound exceeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> archive(@PathParam("journeyId") String id, @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return ok(service.archive(caller.workspace(), id, ifMatch));
    }

    private Uni<RestResponse<JourneyResponse>> ok(Uni<JourneyDocument> stored) {
        return stored.map(service::toResponse).map(j -> RestResponse.ResponseBuilder.ok(j).tag(IfMatch.etag(j.version())).build());
    }

    private RestResponse<JourneyResponse> created(JourneyDocument doc, String location) {
        JourneyResponse journey = service.toResponse(doc);
        return RestResponse.ResponseBuilder.<JourneyResponse>create(RestResponse.Status.CREATED)
                .header(HttpHeaders.LOCATION, location).tag(IfMatch.etag(journey.version())).entity(journey).build();
    }
}
