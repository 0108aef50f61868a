package io.effortmap.metrics.scope.service;

import io.effortmap.common.ids.IdShape;
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
import java.util.regex.Pattern;

/**
 * Turns {@code scope} + {@code id} (+ {@code journeyId} for stages and touchpoints, {@code surveyId} for questions)
 * into stored buckets. Journeys, stages and touchpoints are confirmed with journey-service, surveys and questions with
 * survey-service, each using the caller's token, so another workspace's ids answer 404.
 */
@ApplicationScoped
public class ScopeResolver {

    public static final Set<String> SCOPES = Set.of("workspace", "survey", "question", "journey", "stage", "touchpoint");
    /** Question keys as survey-service allows them. */
    private static final Pattern QUESTION_KEY = Pattern.compile("^[a-z0-9_-]{1,40}$");

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
        switch (normalized) {
            case "journey" -> IdShape.JOURNEY.requireInBody("id", id);
            case "stage" -> IdShape.STAGE.requireInBody("id", id);
            case "touchpoint" -> IdShape.TOUCHPOINT.requireInBody("id", id);
            case "survey" -> IdShape.SURVEY.requireInBody("id", id);
            case "question" -> {
                if (!QUESTION_KEY.matcher(id).matches()) {
                    throw ProblemException.badRequest("id", "must be a question key (1 to 40 of a-z, 0-9, '_' and '-')");
                }
            }
            default -> {
            }
        }
        if (normalized.equals("stage") || normalized.equals("touchpoint")) {
            IdShape.JOURNEY.requireInBody("journeyId", journeyId);
        } else if (!blank(journeyId)) {
            throw ProblemException.badRequest("journeyId", "is only for scopes stage and touchpoint");
        }
        if (normalized.equals("question")) {
            IdShape.SURVEY.requireInBody("surveyId", surveyId);
        } else if (!blank(surveyId)) {
            throw ProblemException.badRequest("surveyId", "is only for scope question");
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
            case "survey" -> named(surveys.survey(id, bearer), "surveyId", "id")
                    .map(survey -> new ResolvedScope(scope, id, Scope.SURVEY, List.of(id)));
            case "question" -> surveys.survey(surveyId, bearer).map(survey -> {
                if (!survey.hasQuestion(id)) {
                    throw ProblemException.notFound("No question " + id + " in survey " + surveyId, "id",
                            "is not a question of survey " + surveyId);
                }
                return new ResolvedScope(scope, id, Scope.QUESTION, List.of(surveyId + "/" + id));
            });
            case "journey" -> named(catalog.journey(workspace, id, bearer), "journeyId", "id")
                    .map(j -> new ResolvedScope(scope, id, Scope.JOURNEY, List.of(id)));
            case "touchpoint" -> named(catalog.touchpoint(workspace, journeyId, id, bearer), "touchpointId", "id")
                    .map(tp -> new ResolvedScope(scope, id, Scope.TOUCHPOINT,
                            List.of(BucketPlanner.touchpointScopeId(journeyId, id))));
            default -> catalog.journey(workspace, journeyId, bearer).map(j -> stage(j, id));
        };
    }

    /** The clients name the path parameter of the peer's lookup; here the caller sent it as {@code field}. */
    private static <T> Uni<T> named(Uni<T> lookup, String peerField, String field) {
        return lookup.onFailure(ProblemException.class).transform(e -> {
            ProblemException p = (ProblemException) e;
            if (p.status() != 404 || p.errors().size() != 1 || !p.errors().getFirst().field().equals(peerField)) {
                return p;
            }
            return ProblemException.notFound(p.getMessage(), field, p.errors().getFirst().message());
        });
    }

    private static ResolvedScope stage(Journey journey, String stageId) {
        Journey.Stage stage = journey.stages().stream().filter(s -> stageId.equals(s.id())).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No stage " + stageId + " in journey " + journey.id(),
                        "id", "is not a stage of journey " + journey.id()));
        return new ResolvedScope("stage", stageId, Scope.TOUCHPOINT, stage.touchpoints().stream()
                .map(tp -> BucketPlanner.touchpointScopeId(journey.id(), tp.id())).toList());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
