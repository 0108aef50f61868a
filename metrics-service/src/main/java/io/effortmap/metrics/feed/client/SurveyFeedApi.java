package io.effortmap.metrics.feed.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** survey-service's internal feed, called with this service's own client-credentials token (ServiceTokens). */
@RegisterRestClient(configKey = "survey-feed")
@Path("/internal/v1/feed/responses")
interface SurveyFeedApi {

    @GET
    Uni<ResponseFeedPage> page(@HeaderParam("Authorization") String authorization, @QueryParam("after") String after,
            @QueryParam("limit") int limit);
}
