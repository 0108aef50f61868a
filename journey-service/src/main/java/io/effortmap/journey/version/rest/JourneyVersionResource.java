package io.effortmap.journey.version.rest;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.journey.support.Page;
import io.effortmap.journey.version.service.JourneyVersionService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/journeys/{journeyId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journey versions")
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The role does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JourneyVersionResource {

    static final String VERSION_EXAMPLE = """
            {"journeyId": "jr_5fGh7JkL9mNp", "number": 2, "journeyVersion": 7, "publishedAt": "2026-11-02T09:00:00Z",
             "publishedBy": "alice", "name": "Online purchase", "description": "From first visit to first order",
             "owner": "cx-team@example.com", "personaIds": [],
             "stages": [{"id": "st_Qm2cX0aZb9Lp", "name": "Buy", "touchpoints": [
               {"id": "tp_8Hn2Lq0xWc4R", "name": "Checkout", "channel": "web", "ownerTeam": null, "description": null,
                "painPoints": [], "opportunities": [], "expectedEmotion": null, "targets": {}}]}]}""";

    @Inject
    JourneyVersionService service;

    @Inject
    CallerContext caller;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/publish")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Publish the journey as a new immutable version", description = "Numbers run 1, 2, …; the journey "
            + "becomes PUBLISHED and its version increments (journeyVersion in the answer is the next If-Match). If-Match is required.")
    @APIResponse(responseCode = "201", description = "The new version; Location names it",
            content = @Content(schema = @Schema(implementation = JourneyVersionResponse.class), examples = @ExampleObject(name = "version", value = VERSION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The journey is archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since the version named by If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyVersionResponse>> publish(@PathParam("journeyId") String journeyId,
            @Parameter(description = "ETag of the journey as last read", required = true) @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return service.publish(caller.workspace(), journeyId, ifMatch, identity.getPrincipal().getName())
                .map(v -> RestResponse.ResponseBuilder.<JourneyVersionResponse>create(RestResponse.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/v1/journeys/" + journeyId + "/versions/" + v.number())
                        .entity(v).build());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List the published versions", description = "Ordered by number; pass next as after")
    @APIResponse(responseCode = "200", description = "One page of versions", content = @Content(examples = @ExampleObject(name = "page", value = """
            {"items": [{"number": 1, "journeyVersion": 3, "publishedAt": "2026-11-01T10:00:00Z", "publishedBy": "alice",
                        "name": "Online purchase", "stageCount": 5, "touchpointCount": 12}], "next": null}""")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<JourneyVersionSummary>> list(@PathParam("journeyId") String journeyId,
            @Parameter(description = "next of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 100, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit) {
        return service.list(caller.workspace(), journeyId, after, limit);
    }

    @GET
    @Path("/versions/diff")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Compare two published versions", description = "Stages and touchpoints added, removed, moved and renamed, "
            + "matched by id, and the content changed per touchpoint (description, channel, owner team, expected emotion, pain "
            + "points, opportunities, targets) and of the journey itself")
    @APIResponse(responseCode = "200", description = "The changes from from to to", content = @Content(
            schema = @Schema(implementation = JourneyVersionDiff.class), examples = @ExampleObject(name = "diff", value = """
            {"from": 1, "to": 2,
             "stages": {"added": [{"id": "st_Nw9aQ2xZ0bLk", "name": "Onboarding", "fromStageId": null, "toStageId": null,
                                   "fromIndex": null, "toIndex": 2}],
                        "removed": [], "moved": [], "renamed": [{"id": "st_Qm2cX0aZb9Lp", "fromName": "Buy", "toName": "Purchase"}],
                        "changed": []},
             "touchpoints": {"added": [], "removed": [{"id": "tp_Lp0oK9iJ8uH7", "name": "Fax order", "fromStageId": "st_Qm2cX0aZb9Lp",
                                                        "toStageId": null, "fromIndex": 1, "toIndex": null}],
                             "moved": [{"id": "tp_8Hn2Lq0xWc4R", "name": "Checkout", "fromStageId": "st_Qm2cX0aZb9Lp",
                                        "toStageId": "st_Nw9aQ2xZ0bLk", "fromIndex": 0, "toIndex": 0}],
                             "renamed": [],
                             "changed": [{"id": "tp_8Hn2Lq0xWc4R", "name": "Checkout", "stageId": "st_Nw9aQ2xZ0bLk", "changes": [
                               {"field": "painPoints", "from": ["Slow to load"], "to": [], "added": [], "removed": ["Slow to load"]},
                               {"field": "targets.CSATShare", "from": 0.8, "to": 0.85, "added": null, "removed": null},
                               {"field": "opportunities.op_Zx3Cv5Bn7Mq1", "from": {"text": "Cache assets", "owner": "web-team", "status": "planned"},
                                "to": {"text": "Cache assets", "owner": "web-team", "status": "done"}, "added": null, "removed": null}]}]},
             "journey": [{"field": "description", "from": "From first visit to first order", "to": "From first visit to delivery",
                          "added": null, "removed": null}]}""")))
    @APIResponse(responseCode = "400", description = "from or to is not a version number", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JourneyVersionDiff> diff(@PathParam("journeyId") String journeyId,
            @Parameter(description = "Version number", required = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("from") String from,
            @Parameter(description = "Version number", required = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("to") String to) {
        return service.diff(caller.workspace(), journeyId, from, to);
    }

    @GET
    @Path("/versions/{number}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read a published version")
    @APIResponse(responseCode = "200", description = "The version as published",
            content = @Content(schema = @Schema(implementation = JourneyVersionResponse.class), examples = @ExampleObject(name = "version", value = VERSION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not a version number", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such journey or version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JourneyVersionResponse> get(@PathParam("journeyId") String journeyId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("number") String number) {
        return service.get(caller.workspace(), journeyId, number);
    }
}
