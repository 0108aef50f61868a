package io.effortmap.metrics.webhook.rest;

import io.effortmap.common.idempotency.CreatedAnswer;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.metrics.support.Page;
import io.effortmap.metrics.webhook.service.WebhookService;
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

/**
 * Webhook subscriptions. Deliveries are signed in the style of Standard Webhooks: {@code webhook-id} (the same on
 * every retry and replay), {@code webhook-timestamp} (unix seconds of the attempt) and {@code webhook-signature}
 * ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} with the base64-decoded secret after {@code whsec_}).
 */
@Path(WebhookResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    public static final String PATH = "/api/v1/webhooks";

    static final String REQUEST_EXAMPLE = """
            {"url": "https://crm.example.com/hooks/effortmap", "eventTypes": ["alert.opened", "alert.resolved"],
             "description": "CX on-call"}""";
    static final String VIEW_EXAMPLE = """
            {"id": "wh_0mhq2x8z1Lm3Qx9pT_2bW", "url": "https://crm.example.com/hooks/effortmap",
             "description": "CX on-call", "eventTypes": ["alert.opened", "alert.resolved"], "version": 1,
             "createdAt": "2026-11-22T10:00:00Z", "updatedAt": "2026-11-22T10:00:00Z", "createdBy": "alice",
             "paused": false, "pausedAt": null}""";
    static final String CREATED_EXAMPLE = """
            {"id": "wh_0mhq2x8z1Lm3Qx9pT_2bW", "url": "https://crm.example.com/hooks/effortmap",
             "description": "CX on-call", "eventTypes": ["alert.opened", "alert.resolved"], "version": 1,
             "createdAt": "2026-11-22T10:00:00Z", "updatedAt": "2026-11-22T10:00:00Z", "createdBy": "alice",
             "secret": "whsec_BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY="}""";
    static final String DELIVERY_EXAMPLE = """
            {"id": "msg_Hk2vQ9xLm3pT0bWq7RnZ4sYc1dFg8JeA", "eventId": "response.7d3f1e2a.response.detractor",
             "eventType": "response.detractor", "state": "DELIVERED", "attempts": 2,
             "nextAttemptAt": "2026-11-22T10:00:05Z", "createdAt": "2026-11-22T10:00:00Z",
             "deliveredAt": "2026-11-22T10:00:05Z",
             "payload": "{\\"type\\":\\"response.detractor\\",\\"timestamp\\":\\"2026-11-22T10:00:00Z\\",\\"data\\":{}}",
             "log": [{"attempt": 1, "at": "2026-11-22T10:00:00Z", "statusCode": 500, "error": "HTTP 500", "durationMs": 31},
                     {"attempt": 2, "at": "2026-11-22T10:00:05Z", "statusCode": 204, "error": null, "durationMs": 12}]}""";

    private final WebhookService service;
    private final CallerContext caller;
    private final SecurityIdentity identity;

    WebhookResource(WebhookService service, CallerContext caller, SecurityIdentity identity) {
        this.service = service;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Subscribe a URL to events", description = "The answer carries the signing secret, shown only this once")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookRequest.class),
            examples = @ExampleObject(name = "alerts", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the webhook and its version",
            content = @Content(schema = @Schema(implementation = WebhookCreated.class), examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "A replay (same Idempotency-Key and body): the webhook created first with its "
            + "current secret, Idempotency-Replayed: true",
            content = @Content(schema = @Schema(implementation = WebhookCreated.class), examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid body (e.g. not https, unknown event type); errors name each field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "not https", value = """
                    {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "url: must be an https URL",
                     "errors": [{"field": "url", "message": "must be an https URL"}]}""")))
    @APIResponse(responseCode = "422", description = "The url's host is this machine or a private, link-local or other non-public address (allowed only with WEBHOOKS_ALLOW_PRIVATE_ADDRESSES)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "cloud metadata", value = """
                    {"type": "about:blank", "title": "Unprocessable Content", "status": 422, "detail": "url: must be a public address, not 169.254.169.254",
                     "errors": [{"field": "url", "message": "must be a public address, not 169.254.169.254"}]}""")))
    public Uni<RestResponse<WebhookCreated>> create(
            @Parameter(description = "Up to 200 visible characters; a retry with the same key and body answers the webhook "
                    + "created first with its secret (200, Idempotency-Replayed: true), the same key with another body 422")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            WebhookRequest request) {
        return service.create(caller.workspace(), identity.getPrincipal().getName(), idempotencyKey, request)
                .map(outcome -> CreatedAnswer.of(outcome, PATH + "/" + outcome.value().id(),
                        IfMatch.etag(outcome.value().version())));
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List the webhooks of the workspace", description = "Keyset pages in creation order; no secrets")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one",
            content = @Content(examples = @ExampleObject(name = "page", value = "{\"items\": [" + VIEW_EXAMPLE + "], \"next\": null}")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<WebhookView>> list(
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.list(caller.workspace(), after, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read a webhook", description = "Without its secret; the ETag is the version to send as If-Match")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "webhook", value = VIEW_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookView>> get(@PathParam("id") String id) {
        return service.get(caller.workspace(), id).map(w -> RestResponse.ResponseBuilder.ok(w).tag(IfMatch.etag(w.version())).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Replace a webhook's url, event types and description", description = "The secret is kept; If-Match is required")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookRequest.class),
            examples = @ExampleObject(name = "alerts", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The updated webhook; ETag carries its new version",
            content = @Content(schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "webhook", value = VIEW_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid body or If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The url's host is this machine or a private, link-local or other non-public address (allowed only with WEBHOOKS_ALLOW_PRIVATE_ADDRESSES)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "cloud metadata", value = """
                    {"type": "about:blank", "title": "Unprocessable Content", "status": 422, "detail": "url: must be a public address, not 169.254.169.254",
                     "errors": [{"field": "url", "message": "must be a public address, not 169.254.169.254"}]}""")))
    public Uni<RestResponse<WebhookView>> replace(@PathParam("id") String id,
            @Parameter(description = "ETag of the webhook as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch,
            WebhookRequest request) {
        return service.replace(caller.workspace(), id, ifMatch, request)
                .map(w -> RestResponse.ResponseBuilder.ok(w).tag(IfMatch.etag(w.version())).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Delete a webhook", description = "Queued deliveries fail at their next attempt; If-Match is required")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id,
            @Parameter(description = "ETag of the webhook as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.delete(caller.workspace(), id, ifMatch).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Issue a new signing secret",
            description = "The answer carries the new secret, shown only this once. The previous secret keeps signing next to it "
                    + "(webhook-signature then holds two space-separated signatures) for the grace period; If-Match is required.")
    @APIResponse(responseCode = "200", description = "The webhook with its new secret; ETag carries its new version",
            content = @Content(schema = @Schema(implementation = WebhookCreated.class), examples = @ExampleObject(name = "rotated", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookCreated>> rotateSecret(@PathParam("id") String id,
            @Parameter(description = "ETag of the webhook as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.rotateSecret(caller.workspace(), id, ifMatch)
                .map(w -> RestResponse.ResponseBuilder.ok(w).tag(IfMatch.etag(w.version())).build());
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Pause a webhook",
            description = "Events keep becoming deliveries, nothing is lost, but they are HELD instead of sent until the webhook "
                    + "is resumed (e.g. while the receiver is under maintenance). A delivery already in flight finishes. If-Match is required.")
    @APIResponse(responseCode = "200", description = "The paused webhook; ETag carries its new version",
            content = @Content(schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "webhook", value = VIEW_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookView>> pause(@PathParam("id") String id,
            @Parameter(description = "ETag of the webhook as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.pause(caller.workspace(), id, ifMatch, true)
                .map(w -> RestResponse.ResponseBuilder.ok(w).tag(IfMatch.etag(w.version())).build());
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Resume a paused webhook",
            description = "Every HELD delivery becomes due at once and is sent, oldest first; If-Match is required.")
    @APIResponse(responseCode = "200", description = "The resumed webhook; ETag carries its new version",
            content = @Content(schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "webhook", value = VIEW_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookView>> resume(@PathParam("id") String id,
            @Parameter(description = "ETag of the webhook as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.pause(caller.workspace(), id, ifMatch, false)
                .map(w -> RestResponse.ResponseBuilder.ok(w).tag(IfMatch.etag(w.version())).build());
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Delivery log of a webhook, newest first",
            description = "Each delivery with every attempt: time, status code or error, duration")
    @APIResponse(responseCode = "200", description = "One page; pass next as after for the following one",
            content = @Content(examples = @ExampleObject(name = "page", value = "{\"items\": [" + DELIVERY_EXAMPLE + "], \"next\": null}")))
    @APIResponse(responseCode = "400", description = "Invalid state, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") String id,
            @Parameter(description = "PENDING, HELD (subscription paused), DELIVERED or FAILED") @QueryParam("state") String state,
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.deliveries(caller.workspace(), id, state, after, limit);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Send a delivery again",
            description = "Queues it from its first attempt with the same webhook-id and body, so receivers can deduplicate")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = DeliveryView.class), examples = @ExampleObject(name = "delivery", value = DELIVERY_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such webhook or delivery in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An attempt is in flight", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<DeliveryView>> replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return service.replay(caller.workspace(), id, deliveryId)
                .map(d -> RestResponse.ResponseBuilder.<DeliveryView>create(RestResponse.Status.ACCEPTED).entity(d).build());
    }
}
