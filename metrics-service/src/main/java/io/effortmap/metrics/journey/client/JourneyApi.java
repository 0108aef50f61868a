package io.effortmap.metrics.journey.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Path parameters arrive already encoded ({@link io.effortmap.common.ids.PathSegments}): no value is a dot segment. */
@RegisterRestClient(configKey = "journey-service")
@Path("/api/v1/journeys")
interface JourneyApi {

    @GET
    @Path("/{journeyId}/touchpoints/{touchpointId}")
    Uni<Touchpoint> touchpoint(@PathParam("journeyId") @Encoded String journeyId,
            @PathParam("touchpointId") @Encoded String touchpointId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/{journeyId}")
    Uni<Journey> journey(@PathParam("journeyId") @Encoded String journeyId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
