package io.effortmap.metrics.series.rest;

import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.series.service.MetricSeries;
import io.effortmap.metrics.series.service.SeriesService;
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

@Path("/api/v1/metrics/series")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
public class SeriesResource {

    private final SeriesService service;
    private final CallerContext caller;

    SeriesResource(SeriesService service, CallerContext caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "A metric over time for a scope",
            description = "One point per day, ISO week or month (workspace time zone) with n, estimates, 95% intervals, "
                    + "histogram and lowSample; one series per scale.")
    public Uni<MetricSeries> series(
            @Parameter(description = "CES (default), CSAT or NPS") @QueryParam("metric") String metric,
            @Parameter(description = "workspace, survey, question, journey, stage or touchpoint") @QueryParam("scope") String scope,
            @Parameter(description = "Id of the scope (question key for scope question)") @QueryParam("id") String id,
            @Parameter(description = "Journey of a stage or touchpoint") @QueryParam("journeyId") String journeyId,
            @Parameter(description = "Survey of a question") @QueryParam("surveyId") String surveyId,
            @Parameter(description = "day (default), week or month") @QueryParam("granularity") String granularity,
            @Parameter(description = "First day, inclusive; default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") String to,
            @Parameter(description = "attribute:value of a configured segment attribute") @QueryParam("segment") String segment,
            @Parameter(description = "Only answers from this channel") @QueryParam("channel") String channel) {
        return service.series(caller.workspace(), caller.bearer(), new SeriesService.Query(metric, scope, id, journeyId,
                surveyId, granularity, QueryParams.localDate("from", from), QueryParams.localDate("to", to), segment,
                channel));
    }
}
