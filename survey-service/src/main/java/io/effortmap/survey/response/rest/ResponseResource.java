package io.effortmap.survey.response.rest;

import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.survey.response.service.BulkResponseService;
import io.effortmap.survey.response.service.ResponseService;
import io.effortmap.survey.response.service.ResponseFilter;
import io.effortmap.survey.response.service.ResponseQueryService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import io.effortmap.survey.shared.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/responses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Responses")
public class ResponseResource {

    public static final String REPLAYED = "Idempotency-Replayed";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    ResponseService responses;

    @Inject
    BulkResponseService bulk;

    @Inject
    ResponseQueryService queries;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Submit one response; 201 when stored, 200 with Idempotency-Replayed: true for a replay")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitResponseRequest.class),
            examples = @ExampleObject(name = "response", value = ApiExamples.SUBMIT_RESPONSE)))
    @APIResponse(responseCode = "201", description = "Stored, with Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseView.class),
                    examples = @ExampleObject(name = "stored", value = ApiExamples.RESPONSE)))
    @APIResponse(responseCode = "200", description = "Replay of a stored response (Idempotency-Replayed: true)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseView.class),
                    examples = @ExampleObject(name = "replayed", value = ApiExamples.RESPONSE)))
    @APIResponse(responseCode = "409", description = "The survey is not ACTIVE",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "closed", value = ApiExamples.PROBLEM_409_NOT_ACTIVE)))
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
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkRequest.class),
            examples = @ExampleObject(name = "batch", value = ApiExamples.BULK_RESPONSES)))
    @APIResponse(responseCode = "200", description = "One result per item, in request order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkResponse.class),
                    examples = @ExampleObject(name = "results", value = ApiExamples.BULK_RESPONSES_RESULT)))
    public Uni<BulkResponse> submitBulk(BulkRequest request) {
        return bulk.submit(caller.workspace(), caller.clientId(), request);
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List responses, newest occurredAt first, with keyset pagination (limit 1-100, default 20)")
    @APIResponse(responseCode = "200", description = "A page and the cursor of the next one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponsePage.class),
                    examples = @ExampleObject(name = "page", value = ApiExamples.RESPONSE_PAGE)))
    public Uni<ResponsePage> list(@BeanParam ResponseQuery query, @RestQuery String limit, @RestQuery String after) {
        return queries.list(caller.workspace(), query.filter(), limit, after);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Stream every matching response as CSV (default) or NDJSON (format=ndjson), with the list's filters")
    @APIResponse(responseCode = "200", description = "CSV with a header row, or one JSON response per line",
            content = {@Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = ApiExamples.EXPORT_CSV)),
                       @Content(mediaType = "application/x-ndjson",
                               examples = @ExampleObject(name = "ndjson", value = ApiExamples.EXPORT_NDJSON))})
    public Multi<String> export(@BeanParam ResponseQuery query,
            @Parameter(description = "csv (default) or ndjson") @RestQuery String format) {
        ResponseQueryService.Format chosen = ResponseQueryService.Format.parse(format);
        // Parsed before streaming starts, so a bad filter still answers a 400 problem.
        ResponseFilter filter = query.filter();
        String workspace = caller.workspace();
        return RestMulti.fromMultiData(queries.export(workspace, filter, chosen))
                .header(HttpHeaders.CONTENT_TYPE, chosen.mediaType)
                .header("Content-Disposition", "attachment; filename=\"responses-"
                        + LocalDate.now(ZoneOffset.UTC) + "." + chosen.extension + "\"")
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read one response of the caller's workspace")
    @APIResponse(responseCode = "200", description = "The response",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseView.class),
                    examples = @ExampleObject(name = "response", value = ApiExamples.RESPONSE)))
    public Uni<ResponseView> get(@RestPath String id) {
        return responses.get(caller.workspace(), id);
    }
}
