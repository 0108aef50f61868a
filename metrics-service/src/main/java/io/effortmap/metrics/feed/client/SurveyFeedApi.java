package io.effortmap.metrics.feed.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** survey-service's internal feed, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "survey-feed")
@OidcClientFilter
@Path("/internal/v1/feed/responses")
interface SurveyFeedApi {

    @GET
    Uni<ResponseFeedPage> page(@QueryParam("after") String after, @QueryParam("limit") int limit);
}
