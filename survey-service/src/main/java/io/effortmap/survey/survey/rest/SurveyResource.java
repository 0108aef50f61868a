package io.effortmap.survey.survey.rest;

import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.survey.survey.service.IfMatch;
import io.effortmap.survey.survey.service.SurveyService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys")
public class SurveyResource {

    @Inject
    SurveyService surveys;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Create a DRAFT survey for a journey touchpoint (checked with journey-service)")
    public Uni<RestResponse<SurveyView>> create(CreateSurveyRequest request) {
        return surveys.create(caller.workspace(), caller.bearer(), request)
                .map(view -> RestResponse.ResponseBuilder.<SurveyView>created(URI.create("/api/v1/surveys/" + view.id()))
                        .entity(view)
                        .tag(etag(view))
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Read one survey of the caller's workspace")
    public Uni<RestResponse<SurveyView>> get(@RestPath String id) {
        return surveys.get(caller.workspace(), id).map(SurveyResource::ok);
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "List surveys, newest first, with keyset pagination (limit 1-100, default 20)")
    public Uni<SurveyPage> list(@RestQuery String status, @RestQuery String touchpointId, @RestQuery String limit,
            @RestQuery String after) {
        return surveys.list(caller.workspace(), status, touchpointId, limit, after);
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed(Roles.CX_ADMIN)
    @Operation(summary = "Move a DRAFT survey to ACTIVE; its questions are frozen afterwards. Honours If-Match")
    public Uni<RestResponse<SurveyView>> activate(@RestPath String id,
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return surveys.activate(caller.workspace(), id, IfMatch.parse(ifMatch)).map(SurveyResource::ok);
    }

    private static RestResponse<SurveyView> ok(SurveyView view) {
        return RestResponse.ResponseBuilder.ok(view).tag(etag(view)).build();
    }

    /** Strong ETag carrying the optimistic-lock version: {@code "3"}. */
    private static EntityTag etag(SurveyView view) {
        return new EntityTag(Integer.toString(view.version()));
    }
}
