package io.effortmap.survey.survey.rest;

import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.common.idempotency.CreatedAnswer;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.survey.survey.service.SurveyService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import io.effortmap.survey.shared.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys")
public class SurveyResource {

    private static final String PROBLEM = "application/problem+json";
    private static final String IDEMPOTENCY_KEY = "Up to 200 visible characters; a retry with the same key and body "
            + "answers the survey created first (200, Idempotency-Replayed: true), the same key with another body 422";
    private static final String IF_MATCH = "The ETag last read, e.g. \"0\": required (428 without, 400 when it is not one "
            + "of this service's ETags, 412 when stale)";

    @Inject
    SurveyService surveys;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Create a DRAFT survey for a journey touchpoint (checked with journey-service)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateSurveyRequest.class),
            examples = @ExampleObject(name = "survey", value = ApiExamples.CREATE_SURVEY)))
    @APIResponse(responseCode = "201", description = "Created, with Location and ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "draft", value = ApiExamples.SURVEY)))
    @APIResponse(responseCode = "200", description = "A replay (same Idempotency-Key and body): the survey created first, "
            + "with Idempotency-Replayed: true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "draft", value = ApiExamples.SURVEY)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "invalid", value = ApiExamples.PROBLEM_400)))
    @APIResponse(responseCode = "422", description = "Not a touchpoint of the journey in your workspace, or the "
            + "Idempotency-Key was used for another body", content = @Content(mediaType = PROBLEM))
    public Uni<RestResponse<SurveyView>> create(
            @Parameter(description = IDEMPOTENCY_KEY) @RestHeader(IdempotencyKey.HEADER) String idempotencyKey,
            CreateSurveyRequest request) {
        return surveys.create(caller.workspace(), caller.bearer(), idempotencyKey, request).map(SurveyResource::created);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read one survey of the caller's workspace")
    @APIResponse(responseCode = "200", description = "The survey, with its version as ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "active", value = ApiExamples.ACTIVE_SURVEY)))
    public Uni<RestResponse<SurveyView>> get(@RestPath String id) {
        return surveys.get(caller.workspace(), id).map(SurveyResource::ok);
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List surveys, newest first, with keyset pagination (limit 1-100, default 20)")
    @APIResponse(responseCode = "200", description = "A page and the cursor of the next one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyPage.class),
                    examples = @ExampleObject(name = "page", value = ApiExamples.SURVEY_PAGE)))
    public Uni<SurveyPage> list(@RestQuery String status, @RestQuery String touchpointId,
            @Parameter(description = "Only surveys having a question of this kind: CES, CSAT, NPS or COMMENT")
            @RestQuery String kind,
            @RestQuery String limit, @RestQuery String after) {
        return surveys.list(caller.workspace(), status, touchpointId, kind, limit, after);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Replace a DRAFT survey (same body as create). If-Match is required: 428 without, 412 when stale")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateSurveyRequest.class),
            examples = @ExampleObject(name = "survey", value = ApiExamples.CREATE_SURVEY)))
    @APIResponse(responseCode = "200", description = "The edited DRAFT with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "edited", value = ApiExamples.SURVEY)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "stale", value = ApiExamples.PROBLEM_412)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "missing", value = ApiExamples.PROBLEM_428)))
    public Uni<RestResponse<SurveyView>> update(@RestPath String id,
            @Parameter(required = true, description = IF_MATCH)
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            CreateSurveyRequest request) {
        return surveys.update(caller.workspace(), caller.bearer(), id, ifMatch, request)
                .map(SurveyResource::ok);
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Move a DRAFT survey to ACTIVE; its questions are frozen afterwards. If-Match is required")
    @APIResponse(responseCode = "200", description = "The ACTIVE survey with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "active", value = ApiExamples.ACTIVE_SURVEY)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "stale", value = ApiExamples.PROBLEM_412)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "missing", value = ApiExamples.PROBLEM_428)))
    public Uni<RestResponse<SurveyView>> activate(@RestPath String id,
            @Parameter(required = true, description = IF_MATCH) @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return surveys.activate(caller.workspace(), id, ifMatch).map(SurveyResource::ok);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Move an ACTIVE survey to CLOSED; it accepts no more responses. If-Match is required")
    @APIResponse(responseCode = "200", description = "The CLOSED survey with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "closed", value = ApiExamples.CLOSED_SURVEY)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "stale", value = ApiExamples.PROBLEM_412)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "missing", value = ApiExamples.PROBLEM_428)))
    public Uni<RestResponse<SurveyView>> close(@RestPath String id,
            @Parameter(required = true, description = IF_MATCH) @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return surveys.close(caller.workspace(), id, ifMatch).map(SurveyResource::ok);
    }

    @POST
    @Path("/{id}/versions")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Copy a survey's touchpoint and questions into a new DRAFT with previousVersionId")
    @APIResponse(responseCode = "201", description = "The new DRAFT, with Location and ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "copy", value = ApiExamples.NEW_VERSION)))
    @APIResponse(responseCode = "200", description = "A replay (same Idempotency-Key): the copy created first, "
            + "with Idempotency-Replayed: true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class),
                    examples = @ExampleObject(name = "copy", value = ApiExamples.NEW_VERSION)))
    public Uni<RestResponse<SurveyView>> newVersion(@RestPath String id,
            @Parameter(description = "Up to 200 visible characters; a retry with the same key answers the copy created "
                    + "first (200, Idempotency-Replayed: true)") @RestHeader(IdempotencyKey.HEADER) String idempotencyKey) {
        return surveys.newVersion(caller.workspace(), id, idempotencyKey).map(SurveyResource::created);
    }

    private static RestResponse<SurveyView> created(Idempotency.Outcome<SurveyView> outcome) {
        return CreatedAnswer.of(outcome, "/api/v1/surveys/" + outcome.value().id(), etag(outcome.value()));
    }

    private static RestResponse<SurveyView> ok(SurveyView view) {
        return RestResponse.ResponseBuilder.ok(view).tag(etag(view)).build();
    }

    /** Strong ETag carrying the optimistic-lock version: {@code "3"}. */
    private static EntityTag etag(SurveyView view) {
        return IfMatch.etag(view.version());
    }
}
