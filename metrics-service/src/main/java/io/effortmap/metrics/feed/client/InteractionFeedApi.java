package io.effortmap.metrics.feed.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** journey-service's internal interaction feed, called with this service's own client-credentials token (ServiceTokens). */
@RegisterRestClient(configKey = "journey-feed")
@Path("/internal/v1/feed/interactions")
interface InteractionFeedApi {

    @GET
    Uni<InteractionFeedPage> page(@HeaderParam("Authorization") String authorization, @QueryParam("after") String after,
            @QueryParam("limit") int limit);
}
