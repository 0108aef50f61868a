package io.effortmap.metrics.journey.rest;

import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.security.CallerContext;
import io.effortmap.common.security.Roles;
import io.effortmap.metrics.journey.service.ChangeService;
import io.effortmap.metrics.journey.service.Funnel;
import io.effortmap.metrics.journey.service.FunnelService;
import io.effortmap.metrics.journey.service.Changes;
import io.effortmap.metrics.journey.service.HotspotService;
import io.effortmap.metrics.journey.service.Hotspots;
import io.effortmap.metrics.journey.service.JourneyMetricsService;
import io.effortmap.metrics.journey.service.Scorecard;
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

@Path("/api/v1/metrics/journeys/{journeyId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics")
public class JourneyMetricsResource {

    private final JourneyMetricsService scorecards;
    private final HotspotService hotspots;
    private final ChangeService changes;
    private final FunnelService funnels;
    private final CallerContext caller;

    JourneyMetricsResource(JourneyMetricsService scorecards, HotspotService hotspots, ChangeService changes,
            FunnelService funnels, CallerContext caller) {
        this.funnels = funnels;
        this.scorecards = scorecards;
        this.hotspots = hotspots;
        this.changes = changes;
        this.caller = caller;
    }

    @GET
    @Path("/scorecard")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Every stage and touchpoint with CES, CSAT and NPS against its targets",
            description = "meetsTarget compares the point estimate with the target; null when lowSample or no target.")
    public Uni<Scorecard> scorecard(@PathParam("journeyId") String journeyId,
            @Parameter(description = "First day, inclusive; default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") String to) {
        return scorecards.scorecard(caller.workspace(), caller.bearer(), journeyId, QueryParams.localDate("from", from),
                QueryParams.localDate("to", to));
    }

    @GET
    @Path("/hotspots")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Touchpoints ranked by friction (effort x volume x detractor share)",
            description = "Only statistically supported touchpoints are ranked; the rule is in the answer.")
    public Uni<Hotspots> hotspots(@PathParam("journeyId") String journeyId,
            @Parameter(description = "First day, inclusive; default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") String to) {
        return hotspots.hotspots(caller.workspace(), caller.bearer(), journeyId, QueryParams.localDate("from", from),
                QueryParams.localDate("to", to));
    }

    @GET
    @Path("/changes")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Period-over-period change per touchpoint with Welch's t-test",
            description = "Flags significant drops: worse mean, p < 0.05 and n at least the low-sample threshold in both periods.")
    public Uni<Changes> changes(@PathParam("journeyId") String journeyId,
            @Parameter(description = "week (default) or month") @QueryParam("period") String period,
            @Parameter(description = "A day in the current period; default the last complete one") @QueryParam("at") String at) {
        return changes.changes(caller.workspace(), caller.bearer(), journeyId, period, QueryParams.localDate("at", at));
    }

    @GET
    @Path("/funnel")
    @RolesAllowed({Roles.CX_ADMIN, Roles.CX_ANALYST})
    @Operation(summary = "Interaction volume and outcomes through the journey's stages",
            description = "From the interaction feed; each interaction counts in the stage it was accepted in.")
    public Uni<Funnel> funnel(@PathParam("journeyId") String journeyId,
            @Parameter(description = "First day, inclusive; default 89 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") String to) {
        return funnels.funnel(caller.workspace(), caller.bearer(), journeyId, QueryParams.localDate("from", from),
                QueryParams.localDate("to", to));
    }
}
