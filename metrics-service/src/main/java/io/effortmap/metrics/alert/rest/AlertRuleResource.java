package io.effortmap.metrics.alert.rest;

import io.effortmap.common.idempotency.CreatedAnswer;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.alert.service.AlertRuleService;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.metrics.support.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

@Path(AlertRuleResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertRuleResource {

    public static final String PATH = "/api/v1/alerts/rules";

    static final String REQUEST_EXAMPLE = """
            {"name": "Checkout effort", "metric": "CES", "scoring": "CES_AGREEMENT", "scope": "touchpoint",
             "scopeId": "tp_3kT9xQa0Zb1c", "journeyId": "jr_5fGh7JkL9mNp", "condition": "THRESHOLD",
             "operator": "BELOW", "threshold": 4.5, "minN": 30, "windowDays": 7, "enabled": true}""";
    static final String RESPONSE_EXAMPLE = """
            {"id": "ar_0mhq2x8z1aK3j9-Qx_0Zb", "name": "Checkout effort", "metric": "CES", "scoring": "CES_AGREEMENT",
             "scope": "touchpoint", "scopeId": "tp_3kT9xQa0Zb1c", "journeyId": "jr_5fGh7JkL9mNp",
             "condition": "THRESHOLD", "operator": "BELOW", "threshold": 4.5, "minN": 30, "windowDays": 7,
             "enabled": true, "version": 1, "createdAt": "2026-11-22T10:00:00Z", "updatedAt": "2026-11-22T10:00:00Z",
             "createdBy": "alice"}""";
    static final String INVALID_EXAMPLE = """
            {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
             "detail": "threshold: must be within 1..7 for CES_AGREEMENT",
             "errors": [{"field": "threshold", "message": "must be within 1..7 for CES_AGREEMENT"}]}""";

    private final AlertRuleService service;
    private final CallerContext caller;
    private final SecurityIdentity identity;

    AlertRuleResource(AlertRuleService service, CallerContext caller, SecurityIdentity identity) {
        this.service = service;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Create an alert rule",
            description = "THRESHOLD: the window's CES mean, CSAT share of satisfied answers (0-1) or NPS below/above a value. SIGNIFICANT_DROP: "
                    + "the window's mean worse than the previous window's (Welch, p < 0.05, n >= minN in both).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlertRuleRequest.class),
            examples = @ExampleObject(name = "threshold", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the rule and its version",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class), examples = @ExampleObject(name = "rule", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid body; errors name each field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "A replay (same Idempotency-Key and body): the rule created first, Idempotency-Replayed: true",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class), examples = @ExampleObject(name = "rule", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "A value outside the metric's scale, a journey, touchpoint or survey not in the workspace, "
            + "or the Idempotency-Key used for another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "out of scale", value = INVALID_EXAMPLE)))
    public Uni<RestResponse<AlertRuleView>> create(
            @Parameter(description = "Up to 200 visible characters; a retry with the same key and body answers the rule "
                    + "created first (200, Idempotency-Replayed: true), the same key with another body 422")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            AlertRuleRequest request) {
        return service.create(caller.workspace(), caller.bearer(), identity.getPrincipal().getName(), idempotencyKey, request)
                .map(outcome -> CreatedAnswer.of(outcome, PATH + "/" + outcome.value().id(),
                        IfMatch.etag(outcome.value().version())));
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List the alert rules of the workspace", description = "Keyset pages in creation order")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one",
            content = @Content(examples = @ExampleObject(name = "page", value = "{\"items\": [" + RESPONSE_EXAMPLE + "], \"next\": null}")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<AlertRuleView>> list(
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.list(caller.workspace(), after, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read an alert rule", description = "The ETag is the version to send as If-Match when changing it")
    @APIResponse(responseCode = "200", description = "The rule",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class), examples = @ExampleObject(name = "rule", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such rule in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AlertRuleView>> get(@PathParam("id") String id) {
        return service.get(caller.workspace(), id).map(r -> RestResponse.ResponseBuilder.ok(r).tag(IfMatch.etag(r.version())).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Replace an alert rule", description = "Every field is replaced; If-Match is required. Disabling resolves the rule's alert.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlertRuleRequest.class),
            examples = @ExampleObject(name = "threshold", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The updated rule; ETag carries its new version",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class), examples = @ExampleObject(name = "rule", value = RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid body or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such rule in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A value outside the metric's scale, or a journey or touchpoint not in the workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AlertRuleView>> replace(@PathParam("id") String id,
            @Parameter(description = "ETag of the rule as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            AlertRuleRequest request) {
        return service.replace(caller.workspace(), caller.bearer(), identity.getPrincipal().getName(), id, ifMatch, request)
                .map(r -> RestResponse.ResponseBuilder.ok(r).tag(IfMatch.etag(r.version())).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Delete an alert rule", description = "Its non-resolved alert is resolved; If-Match is required")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id,
            @Parameter(description = "ETag of the rule as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.delete(caller.workspace(), id, identity.getPrincipal().getName(), ifMatch)
                .map(ignored -> RestResponse.noContent());
    }
}
