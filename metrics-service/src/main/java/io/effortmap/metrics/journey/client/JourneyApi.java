package io.effortmap.metrics.journey.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "journey-service")
@Path("/api/v1/journeys")
interface JourneyApi {

    @GET
    @Path("/{journeyId}/touchpoints/{touchpointId}")
    Uni<Touchpoint> touchpoint(@PathParam("journeyId") String journeyId, @PathParam("touchpointId") String touchpointId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/{journeyId}")
    Uni<Journey> journey(@PathParam("journeyId") String journeyId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
