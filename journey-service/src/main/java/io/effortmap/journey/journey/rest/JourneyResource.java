package io.effortmap.journey.journey.rest;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

    @Inject
    JourneyService service;

    @Inject
    CallerContext caller;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.CX_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the new journey and its version")
    @APIResponse(responseCode = "400", description = "Invalid body; errors name each field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> create(CreateJourneyRequest request) {
        return service.create(caller.workspace(), identity.getPrincipal().getName(), request)
                .map(journey -> RestResponse.ResponseBuilder.<JourneyResponse>create(RestResponse.Status.CREATED)
                        .header(HttpHeaders.LOCATION, PATH + "/" + journey.id())
                        .tag(etag(journey.version()))
                        .entity(journey)
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST, Roles.CRM_PARTNER})
    @APIResponse(responseCode = "200", description = "The journey; ETag carries its version")
    @APIResponse(responseCode = "404", description = "No such journey in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<JourneyResponse>> get(@PathParam("id") String id) {
        return service.get(caller.workspace(), id)
                .map(journey -> RestResponse.ResponseBuilder.ok(journey).tag(etag(journey.version())).build());
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST, Roles.CRM_PARTNER})
    @APIResponse(responseCode = "200", description = "Journeys ordered by id; pass next as after for the following page")
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
    @APIResponse(responseCode = "200", description = "The touchpoint with its stage and targets")
    @APIResponse(responseCode = "404", description = "Journey or touchpoint unknown in the caller's workspace", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TouchpointResponse> touchpoint(@PathParam("journeyId") String journeyId,
            @PathParam("touchpointId") String touchpointId) {
        return service.touchpoint(caller.workspace(), journeyId, touchpointId);
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
