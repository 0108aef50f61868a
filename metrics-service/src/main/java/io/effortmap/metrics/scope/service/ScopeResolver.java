package io.effortmap.metrics.scope.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.journey.client.Journey;
import io.effortmap.metrics.journey.service.JourneyCatalog;
import io.effortmap.metrics.survey.client.SurveyClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns {@code scope} + {@code id} (+ {@code journeyId} for stages and touchpoints, {@code surveyId} for questions)
 * into stored buckets. Journeys, stages and touchpoints are confirmed with journey-service, surveys and questions with
 * survey-service, each using the caller's token, so another workspace's ids answer 404.
 */
@ApplicationScoped
public class ScopeResolver {

    public static final Set<String> SCOPES = Set.of("workspace", "survey", "question", "journey", "stage", "touchpoint");

    private final JourneyCatalog catalog;
    private final SurveyClient surveys;

    ScopeResolver(JourneyCatalog catalog, SurveyClient surveys) {
        this.catalog = catalog;
        this.surveys = surveys;
    }

    /** Checks the parameters' shape (400 naming the field) before anything is asked of journey-service. */
    public static String validate(String scope, String id, String journeyId, String surveyId) {
        String normalized = scope == null ? null : scope.trim().toLowerCase(Locale.ROOT);
        if (normalized == null || !SCOPES.contains(normalized)) {
            throw ProblemException.badRequest("scope", "must be one of workspace, survey, question, journey, stage, touchpoint");
        }
        if (!normalized.equals("workspace") && blank(id)) {
            throw ProblemException.badRequest("id", "is required for scope " + normalized);
        }
        if ((normalized.equals("stage") || normalized.equals("touchpoint")) && blank(journeyId)) {
            throw ProblemException.badRequest("journeyId", "is required for scope " + normalized);
        }
        if (normalized.equals("question") && blank(surveyId)) {
            throw ProblemException.badRequest("surveyId", "is required for scope question");
        }
        return normalized;
    }

    public Uni<ResolvedScope> resolve(String workspace, String bearer, String scope, String id, String journeyId,
            String surveyId) {
        return switch (scope) {
            case "workspace" -> {
                if (!blank(id) && !id.equals(workspace)) {
                    yield Uni.createFrom().failure(ProblemException.notFound("No workspace " + id));
                }
                yield Uni.createFrom().item(new ResolvedScope(scope, workspace, Scope.WORKSPACE, List.of(workspace)));
            }
            case "survey" -> surveys.survey(id, bearer)
                    .map(survey -> new ResolvedScope(scope, id, Scope.SURVEY, List.of(id)));
            case "question" -> surveys.survey(surveyId, bearer).map(survey -> {
                if (!survey.hasQuestion(id)) {
                    throw ProblemException.notFound("No question " + id + " in survey " + surveyId);
                }
                return new ResolvedScope(scope, id, Scope.QUESTION, List.of(surveyId + "/" + id));
            });
            case "journey" -> catalog.journey(workspace, id, bearer)
                    .map(j -> new ResolvedScope(scope, id, Scope.JOURNEY, List.of(id)));
            case "touchpoint" -> catalog.touchpoint(workspace, journeyId, id, bearer)
                    .map(tp -> new ResolvedScope(scope, id, Scope.TOUCHPOINT,
                            List.of(BucketPlanner.touchpointScopeId(journeyId, id))));
            default -> catalog.journey(workspace, journeyId, bearer).map(j -> stage(j, id));
        };
    }

    private static ResolvedScope stage(Journey journey, String stageId) {
        Journey.Stage stage = journey.stages().stream().filter(s -> stageId.equals(s.id())).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No stage " + stageId + " in journey " + journey.id()));
        return new ResolvedScope("stage", stageId, Scope.TOUCHPOINT, stage.touchpoints().stream()
                .map(tp -> BucketPlanner.touchpointScopeId(journey.id(), tp.id())).toList());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
