package io.effortmap.metrics.correlation.rest;

import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.correlation.service.Correlation;
import io.effortmap.metrics.correlation.service.CorrelationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/correlation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
public class CorrelationResource {

    private final CorrelationService service;
    private final CallerContext caller;

    CorrelationResource(CorrelationService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Respondent-level correlation of CES with CSAT or NPS",
            description = "Exact Pearson and Spearman (mid-ranks) from stored pair sums and joint histograms, with "
                    + "Fisher-z 95% intervals, n and lowSample; one result per scale combination.")
    public Uni<Correlation> correlation(
            @Parameter(description = "CES_CSAT or CES_NPS") @QueryParam("pair") String pair,
            @Parameter(description = "workspace, survey, journey, stage or touchpoint") @QueryParam("scope") String scope,
            @Parameter(description = "Id of the scope") @QueryParam("id") String id,
            @Parameter(description = "Journey of a stage or touchpoint") @QueryParam("journeyId") String journeyId,
            @Parameter(description = "First day, inclusive; default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") String to) {
        return service.correlation(caller.workspace(), caller.bearer(), pair, scope, id, journeyId,
                QueryParams.localDate("from", from), QueryParams.localDate("to", to));
    }
}
