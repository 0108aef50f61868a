package io.effortmap.metrics.alert.rest;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.alert.service.AlertService;
import io.effortmap.metrics.support.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * Alerts opened and resolved by the evaluator. Acknowledging and resolving are open to cx-analyst as well as
 * cx-admin: they record who is looking at a problem and do not change any rule or delivery.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertResource {

    static final String ALERT_EXAMPLE = """
            {"id": "al_0mhq3b2c4Zx8Qp1-Lm9Nk", "ruleId": "ar_0mhq2x8z1aK3j9-Qx_0Zb", "ruleName": "Checkout effort",
             "metric": "CES", "scoring": "CES_AGREEMENT", "condition": "THRESHOLD", "state": "ACKNOWLEDGED",
             "openedAt": "2026-11-22T10:05:00Z",
             "observed": {"value": 4.1, "ci95Low": 3.8, "ci95High": 4.4, "n": 42, "scaleMin": 1, "scaleMax": 7,
                          "from": "2026-11-16", "to": "2026-11-22", "previousValue": null, "previousN": null, "pValue": null},
             "latest": {"value": 4.2, "ci95Low": 3.9, "ci95High": 4.5, "n": 45, "scaleMin": 1, "scaleMax": 7,
                        "from": "2026-11-16", "to": "2026-11-22", "previousValue": null, "previousN": null, "pValue": null},
             "lastEvaluatedAt": "2026-11-22T10:20:00Z", "acknowledgedAt": "2026-11-22T10:12:00Z",
             "acknowledgedBy": "adam", "resolvedAt": null, "resolvedBy": null}""";
    static final String CONFLICT_EXAMPLE = """
            {"type": "about:blank", "title": "Conflict", "status": 409, "detail": "The alert is already RESOLVED"}""";

    private final AlertService service;
    private final CallerContext caller;
    private final SecurityIdentity identity;

    AlertResource(AlertService service, CallerContext caller, SecurityIdentity identity) {
        this.service = service;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List alerts, newest first", description = "Keyset pages, optionally of one state or rule")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one",
            content = @Content(examples = @ExampleObject(name = "page", value = "{\"items\": [" + ALERT_EXAMPLE + "], \"next\": null}")))
    @APIResponse(responseCode = "400", description = "Invalid state, rule id, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<AlertView>> list(
            @Parameter(description = "OPEN, ACKNOWLEDGED or RESOLVED") @QueryParam("state") String state,
            @Parameter(description = "Only alerts of this rule") @QueryParam("ruleId") String ruleId,
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.list(caller.workspace(), state, ruleId, after, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read an alert")
    @APIResponse(responseCode = "200", description = "The alert",
            content = @Content(schema = @Schema(implementation = AlertView.class), examples = @ExampleObject(name = "alert", value = ALERT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such alert in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertView> get(@PathParam("id") String id) {
        return service.get(caller.workspace(), id);
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Acknowledge an open alert", description = "Records who acknowledged it and when")
    @APIResponse(responseCode = "200", description = "The acknowledged alert",
            content = @Content(schema = @Schema(implementation = AlertView.class), examples = @ExampleObject(name = "alert", value = ALERT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such alert in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The alert is not OPEN", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AlertView> acknowledge(@PathParam("id") String id) {
        return service.acknowledge(caller.workspace(), id, identity.getPrincipal().getName());
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Resolve an alert by hand",
            description = "While the condition still holds, the rule opens no new alert until the condition has cleared once")
    @APIResponse(responseCode = "200", description = "The resolved alert",
            content = @Content(schema = @Schema(implementation = AlertView.class), examples = @ExampleObject(name = "alert", value = ALERT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such alert in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The alert is already resolved", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "resolved", value = CONFLICT_EXAMPLE)))
    public Uni<AlertView> resolve(@PathParam("id") String id) {
        return service.resolve(caller.workspace(), id, identity.getPrincipal().getName());
    }
}
