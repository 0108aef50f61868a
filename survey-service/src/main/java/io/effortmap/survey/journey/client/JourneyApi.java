package io.effortmap.survey.journey.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * journey-service's touchpoint lookup. Only {@link JourneyClient} uses it, through its fault-tolerance guards. Path
 * parameters arrive already encoded ({@link io.effortmap.common.ids.PathSegments}), so no value can become a dot
 * segment.
 */
@RegisterRestClient(configKey = "journey-service")
@Path("/api/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
interface JourneyApi {

    @GET
    @Path("/{journeyId}/touchpoints/{touchpointId}")
    Uni<Touchpoint> touchpoint(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("journeyId") @Encoded String journeyId, @PathParam("touchpointId") @Encoded String touchpointId);

    /**
     * 404 is an answer (unknown touchpoint); 5xx is transient; any other 4xx is journey-service refusing this caller's
     * request (its token, its input): the caller's problem, not an outage.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status == 404) {
            return new TouchpointNotFoundException();
        }
        if (status >= 500) {
            return new JourneyTransientException("journey-service answered " + status, null);
        }
        if (status >= 400) {
            return new JourneyRefusedException("journey-service answered " + status);
        }
        return new JourneyUnavailableException("journey-service answered " + status, null);
    }
}
