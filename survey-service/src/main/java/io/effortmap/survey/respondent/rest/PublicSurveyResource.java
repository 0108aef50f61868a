package io.effortmap.survey.respondent.rest;

import io.effortmap.survey.respondent.service.PublicSurveyService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.effortmap.survey.shared.ApiExamples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Respondents open their invitation link without any account: the token in the path is the credential. The gateway
 * routes {@code /api/v1/public/**} without a token and rate-limits it.
 */
@Path("/api/v1/public/surveys/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Respondents")
@SecurityRequirements
public class PublicSurveyResource {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    PublicSurveyService publicSurveys;

    @GET
    @PermitAll
    @Operation(summary = "The survey behind an invitation link: company name and questions only."
            + " 404 unknown link, 409 already answered or survey not ACTIVE, 410 expired")
    @APIResponse(responseCode = "200", description = "What the respondent's page renders",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublicSurveyView.class),
                    examples = @ExampleObject(name = "survey", value = ApiExamples.PUBLIC_SURVEY)))
    @APIResponse(responseCode = "410", description = "The link has expired",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "expired", value = ApiExamples.PROBLEM_PUBLIC_410)))
    public Uni<PublicSurveyView> survey(@RestPath String token) {
        return publicSurveys.survey(token);
    }

    @POST
    @Path("/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @ResponseStatus(201)
    @Operation(summary = "Answer the survey once; validated like a CRM submission."
            + " 404 unknown link, 409 already answered or survey not ACTIVE, 410 expired")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PublicResponseRequest.class),
            examples = @ExampleObject(name = "answers", value = ApiExamples.PUBLIC_ANSWERS)))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublicResponseReceipt.class),
                    examples = @ExampleObject(name = "receipt", value = ApiExamples.PUBLIC_RECEIPT)))
    @APIResponse(responseCode = "409", description = "Already answered, or the survey is not ACTIVE",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "answered", value = ApiExamples.PROBLEM_PUBLIC_409)))
    public Uni<PublicResponseReceipt> submit(@RestPath String token, PublicResponseRequest request) {
        return publicSurveys.submit(token, request);
    }
}
