package io.effortmap.metrics.touchpoint.rest;

import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.touchpoint.service.TouchpointMetrics;
import io.effortmap.metrics.touchpoint.service.TouchpointMetricsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/journeys/{journeyId}/touchpoints/{touchpointId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
public class TouchpointMetricsResource {

    private final TouchpointMetricsService service;
    private final CallerContext caller;

    TouchpointMetricsResource(TouchpointMetricsService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "A touchpoint's CES, CSAT or NPS over a period",
            description = "One figure per scale and scoring method, each with n, mean, 95% intervals and histogram.")
    public Uni<TouchpointMetrics> get(@PathParam("journeyId") String journeyId,
            @PathParam("touchpointId") String touchpointId,
            @Parameter(description = "CES (default), CSAT or NPS") @QueryParam("metric") String metric,
            @Parameter(description = "First day, inclusive (UTC); default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive (UTC); default today") @QueryParam("to") String to) {
        return service.touchpoint(caller.workspace(), caller.bearer(), journeyId, touchpointId, metric,
                QueryParams.localDate("from", from), QueryParams.localDate("to", to));
    }
}
