package io.effortmap.metrics.survey.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The survey id arrives already encoded ({@link io.effortmap.common.ids.PathSegments}). */
@RegisterRestClient(configKey = "survey-service")
@Path("/api/v1/surveys")
interface SurveyApi {

    @GET
    @Path("/{surveyId}")
    Uni<Survey> survey(@PathParam("surveyId") @Encoded String surveyId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
