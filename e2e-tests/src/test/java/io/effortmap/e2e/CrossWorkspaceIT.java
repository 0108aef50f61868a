package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.gina;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * gina (cx-admin of globex) against acme's resources, with every id and even the current ETags: each read and write
 * answers exactly what the same call answers for an id that exists nowhere (so ids cannot be probed), never a 2xx,
 * and acme's resources are unchanged afterwards. Ids of another workspace inside request bodies are treated as
 * unknown too, and lists never show another workspace's items.
 */
@ExtendWith(RunningStack.class)
class CrossWorkspaceIT {

    private record Ids(String journey, String stage, String touchpoint, String survey, String response, String persona) {
    }

    private record Call(String method, String path, Object body, String ifMatch) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Ids acme;
    private static Ids unknown;
    private static String journeyEtag;
    private static String surveyEtag;
    private static String personaEtag;

    @BeforeAll
    static void acmeOwnsAJourneyASurveyAResponseAndAPersona() {
        var journey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Cross-workspace journey", "stages", List.of(Map.of("name", "Support",
                        "touchpoints", List.of(Map.of("name", "Chat", "channel", "web"))))))
                .post("/api/v1/journeys").then().statusCode(201).extract().jsonPath();
        String journeyId = journey.getString("id");
        String stageId = journey.getString("stages[0].id");
        String touchpointId = journey.getString("stages[0].touchpoints[0].id");
        String surveyId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Chat effort", "journeyId", journeyId, "touchpointId", touchpointId,
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(alice).header("If-Match", "\"0\"").post("/api/v1/surveys/" + surveyId + "/activate")
                .then().statusCode(200);
        String responseId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(response(surveyId)).post("/api/v1/responses").then().statusCode(201).extract().path("id");
        String personaId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Busy parent")).post("/api/v1/personas").then().statusCode(201).extract().path("id");
        acme = new Ids(journeyId, stageId, touchpointId, surveyId, responseId, personaId);
        unknown = new Ids(lookalike(journeyId), lookalike(stageId), lookalike(touchpointId), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), lookalike(personaId));
        journeyEtag = etag("/api/v1/journeys/" + journeyId);
        surveyEtag = etag("/api/v1/surveys/" + surveyId);
        personaEtag = etag("/api/v1/personas/" + personaId);
    }

    @Test
    void anotherWorkspacesIdsAnswerExactlyLikeUnknownIdsAndChangeNothing() {
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/journeys/{j}", null, null),
                new Call("GET", "/api/v1/journeys/{j}/versions", null, null),
                new Call("GET", "/api/v1/journeys/{j}/touchpoints/{t}", null, null),
                new Call("PUT", "/api/v1/journeys/{j}", Map.of("name", "Taken over", "stages", List.of()), journeyEtag),
                new Call("POST", "/api/v1/journeys/{j}/publish", null, journeyEtag),
                new Call("POST", "/api/v1/journeys/{j}/archive", null, journeyEtag),
                new Call("POST", "/api/v1/journeys/{j}/stages", Map.of("name", "Injected"), journeyEtag),
                new Call("PATCH", "/api/v1/journeys/{j}/stages/{s}", Map.of("name", "Renamed"), journeyEtag),
                new Call("POST", "/api/v1/journeys/{j}/stages/{s}/move", Map.of("index", 0), journeyEtag),
                new Call("DELETE", "/api/v1/journeys/{j}/stages/{s}", null, journeyEtag),
                new Call("PUT", "/api/v1/journeys/{j}/touchpoints/{t}", Map.of("name", "Renamed", "channel", "web"), journeyEtag),
                new Call("DELETE", "/api/v1/journeys/{j}/touchpoints/{t}", null, journeyEtag),
                new Call("GET", "/api/v1/surveys/{sv}", null, null),
                new Call("PUT", "/api/v1/surveys/{sv}", Map.of("name", "Taken over", "journeyId", "{j}", "touchpointId", "{t}",
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))), surveyEtag),
                new Call("POST", "/api/v1/surveys/{sv}/close", null, surveyEtag),
                new Call("POST", "/api/v1/surveys/{sv}/versions", null, surveyEtag),
                new Call("GET", "/api/v1/responses/{r}", null, null),
                new Call("GET", "/api/v1/personas/{p}", null, null),
                new Call("PUT", "/api/v1/personas/{p}", Map.of("name", "Taken over"), personaEtag),
                new Call("DELETE", "/api/v1/personas/{p}", null, personaEtag),
                new Call("GET", "/api/v1/metrics/journeys/{j}/touchpoints/{t}?metric=CES", null, null),
                new Call("GET", "/api/v1/metrics/journeys/{j}/scorecard", null, null));
        List<String> leaks = new ArrayList<>();
        for (Call call : calls) {
            int foreign = send(gina, call, acme);
            int nowhere = send(gina, call, unknown);
            // 401/403 would mean gina's token or role failed, and the comparison would prove nothing.
            if (foreign != nowhere || foreign < 400 || foreign == 401 || foreign == 403) {
                leaks.add(call.method() + " " + call.path() + ": " + foreign + " for acme's ids, " + nowhere + " for unknown ids");
            }
        }
        assertThat(leaks).as("calls that tell another workspace's ids apart from unknown ones, succeed, or were not "
                + "even authorized").isEmpty();

        assertThat(etag("/api/v1/journeys/" + acme.journey())).isEqualTo(journeyEtag);
        assertThat(etag("/api/v1/surveys/" + acme.survey())).isEqualTo(surveyEtag);
        assertThat(etag("/api/v1/personas/" + acme.persona())).isEqualTo(personaEtag);
        given().auth().oauth2(alice).get("/api/v1/surveys/" + acme.survey()).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        given().auth().oauth2(alice).get("/api/v1/responses/" + acme.response()).then().statusCode(200);
    }

    @Test
    void idsOfAnotherWorkspaceInRequestBodiesAreUnknown() {
        Map<String, Object> survey = Map.of("name", "Borrowed touchpoint", "journeyId", acme.journey(),
                "touchpointId", acme.touchpoint(), "questions", List.of(Map.of("key", "ces", "kind", "CES")));
        Map<String, Object> surveyNowhere = Map.of("name", "Borrowed touchpoint", "journeyId", unknown.journey(),
                "touchpointId", unknown.touchpoint(), "questions", List.of(Map.of("key", "ces", "kind", "CES")));
        assertIndistinguishable("POST /api/v1/surveys", post("/api/v1/surveys", survey), post("/api/v1/surveys", surveyNowhere));
        assertIndistinguishable("POST /api/v1/responses", post("/api/v1/responses", response(acme.survey())),
                post("/api/v1/responses", response(unknown.survey())));
        assertIndistinguishable("POST /api/v1/invitations",
                post("/api/v1/invitations", Map.of("surveyId", acme.survey(), "customerId", "c-cross")),
                post("/api/v1/invitations", Map.of("surveyId", unknown.survey(), "customerId", "c-cross")));

        int stored = given().auth().oauth2(alice).queryParam("surveyId", acme.survey()).get("/api/v1/responses")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
        assertThat(stored).as("acme's responses to its survey").isEqualTo(1);
    }

    @Test
    void listsShowOnlyTheCallersWorkspace() {
        for (String list : List.of("/api/v1/journeys", "/api/v1/surveys", "/api/v1/personas", "/api/v1/responses")) {
            String page = given().auth().oauth2(gina).get(list).then().statusCode(200).extract().asString();
            assertThat(page).as(list).doesNotContain(acme.journey()).doesNotContain(acme.survey())
                    .doesNotContain(acme.response()).doesNotContain(acme.persona());
        }
        // The same lists do show them to acme, so the check above is not vacuous.
        assertThat(given().auth().oauth2(alice).get("/api/v1/journeys").asString()).contains(acme.journey());
        assertThat(given().auth().oauth2(alice).get("/api/v1/personas").asString()).contains(acme.persona());
    }

    private static void assertIndistinguishable(String call, int foreign, int nowhere) {
        assertThat(foreign).as("%s with acme's ids (unknown ids: %d)", call, nowhere).isEqualTo(nowhere)
                .isGreaterThanOrEqualTo(400).isNotIn(401, 403);
    }

    private static int post(String path, Map<String, Object> body) {
        return given().auth().oauth2(gina).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(path).statusCode();
    }

    private static int send(String token, Call call, Ids ids) {
        RequestSpecification request = given().auth().oauth2(token);
        if (call.ifMatch() != null) {
            request.header("If-Match", call.ifMatch());
        }
        if (call.body() != null) {
            request.contentType(ContentType.JSON).body(fill(json(call.body()), ids));
        }
        return request.request(call.method(), fill(call.path(), ids)).statusCode();
    }

    private static String fill(String template, Ids ids) {
        return template.replace("{j}", ids.journey()).replace("{s}", ids.stage()).replace("{t}", ids.touchpoint())
                .replace("{sv}", ids.survey()).replace("{r}", ids.response()).replace("{p}", ids.persona());
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> response(String surveyId) {
        return Map.of("surveyId", surveyId, "customerId", "c-cross", "channel", "web",
                "occurredAt", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString(),
                "answers", List.of(Map.of("questionKey", "ces", "score", 5)));
    }

    private static String etag(String path) {
        return given().auth().oauth2(alice).get(path).then().statusCode(200).extract().header("ETag");
    }

    /** An id of the same shape (prefix and length) that exists nowhere. */
    private static String lookalike(String id) {
        int start = id.indexOf('_') + 1;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder other = new StringBuilder(id.substring(0, start));
        for (int i = start; i < id.length(); i++) {
            other.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return other.toString();
    }
}
