package io.effortmap.metrics.cohort.rest;

import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.cohort.service.Retention;
import io.effortmap.metrics.cohort.service.RetentionService;
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

@Path("/api/v1/metrics/journeys/{journeyId}/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
public class RetentionResource {

    private final RetentionService service;
    private final CallerContext caller;

    RetentionResource(RetentionService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Weekly or monthly retention and churn cohorts of a journey's customers",
            description = "Cohort = ISO week or calendar month of a customer's first interaction on the journey "
                    + "(workspace time zone), followed over complete periods only; churnRate = share of the cohort not "
                    + "active in the last complete period; rates with Wilson 95% intervals.")
    public Uni<Retention> retention(@PathParam("journeyId") String journeyId,
            @Parameter(description = "First day, inclusive; default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") String to,
            @Parameter(description = "week (default) or month") @QueryParam("period") String period) {
        return service.retention(caller.workspace(), caller.bearer(), journeyId, QueryParams.localDate("from", from),
                QueryParams.localDate("to", to), period);
    }
}
