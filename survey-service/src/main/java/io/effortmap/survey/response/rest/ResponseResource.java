package io.effortmap.survey.response.rest;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.survey.response.service.BulkResponseService;
import io.effortmap.survey.response.service.ResponseImportService;
import io.effortmap.survey.response.service.ResponseService;
import io.effortmap.survey.response.service.ResponseFilter;
import io.effortmap.survey.response.service.ResponseQueryService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
    private static final String TEXT_CSV = "text/csv";

    private final ResponseService responses;
    private final BulkResponseService bulk;
    private final ResponseImportService imports;
    private final ResponseQueryService queries;
    private final CallerContext caller;

    ResponseResource(ResponseService responses, BulkResponseService bulk, ResponseImportService imports,
            ResponseQueryService queries, CallerContext caller) {
        this.responses = responses;
        this.bulk = bulk;
        this.imports = imports;
        this.queries = queries;
        this.caller = caller;
    }

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

    @POST
    @Path("/import")
    @RolesAllowed({Roles.CRM_PARTNER, Roles.CX_ADMIN})
    @Operation(summary = "Import another tool's CSV export (up to 1,000 rows) into one survey, through the bulk path: "
            + "idempotent per row; valid rows are stored even when others are rejected",
            description = "Presets generic, qualtrics and delighted name the columns to read; each *Column parameter "
                    + "names one itself. A row is keyed import:<surveyId>:<export's id>, or by its content without an id "
                    + "column, so uploading a file again reports its rows as duplicate.")
    @RequestBody(required = true, content = @Content(mediaType = TEXT_CSV,
            schema = @Schema(type = SchemaType.STRING, description = "UTF-8 (a BOM is allowed), RFC 4180, header row first"),
            examples = @ExampleObject(name = "generic", value = ApiExamples.IMPORT_CSV)))
    @APIResponse(responseCode = "200", description = "One result per data row, in file order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportResponse.class),
                    examples = @ExampleObject(name = "results", value = ApiExamples.IMPORT_RESULT)))
    @APIResponse(responseCode = "400", description = "Bad parameters, or a file that is empty, not UTF-8 or CSV, lacks a "
            + "mapped column (named) or has more than 1,000 data rows",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "missing column", value = ApiExamples.PROBLEM_400_IMPORT_COLUMN)))
    @APIResponse(responseCode = "404", description = "The survey is not one of your workspace",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "unknown survey", value = ApiExamples.PROBLEM_404_IMPORT_SURVEY)))
    @APIResponse(responseCode = "409", description = "The survey is not ACTIVE",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "closed", value = ApiExamples.PROBLEM_409_IMPORT_NOT_ACTIVE)))
    @APIResponse(responseCode = "422", description = "questionKey is not a scored question of the survey, or the survey "
            + "requires another question",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "question", value = ApiExamples.PROBLEM_422_IMPORT_QUESTION)))
    @APIResponse(responseCode = "415", description = "The body is not sent as text/csv",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "not csv", value = ApiExamples.PROBLEM_415_IMPORT)))
    public Uni<ImportResponse> importCsv(@BeanParam ImportQuery query, HttpHeaders headers, byte[] body) {
        // Checked here, not with @Consumes: JAX-RS would answer 415 before the role check and the query-parameter
        // check, and every operation must answer a caller without the role 403 and a bad parameter 400 first.
        MediaType type = headers.getMediaType();
        if (type == null || !"text".equalsIgnoreCase(type.getType()) || !"csv".equalsIgnoreCase(type.getSubtype())) {
            throw new ProblemException(415, "Unsupported Media Type", "Send the file as text/csv",
                    List.of(new Problem.FieldError(HttpHeaders.CONTENT_TYPE, "must be text/csv")), null);
        }
        return imports.importCsv(caller.workspace(), caller.clientId(), query.options(), body);
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
