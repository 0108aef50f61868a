package io.effortmap.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * What the platform holds for one test's survey and journey, read through its public API: the responses and
 * interactions stored (by external id, with how many times each is there) and what metrics-service counted.
 */
final class Ledger {

    /** Stored or counted against acknowledged: lost (acknowledged, absent) and doubled (present more than once). */
    record Reconciliation(int acknowledged, int present, int lost, int doubled) {
    }

    /** Counts are polled while components fail: a question must not hang on a stopped process. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 2000).setParam("http.socket.timeout", 2000));

    private Ledger() {
    }

    /** Stored responses of a survey by customer id (the load uses the external id as customer id). */
    static Map<String, Integer> storedResponses(String surveyId, String analystToken) {
        Map<String, Integer> found = new HashMap<>();
        String after = null;
        do {
            var request = given().auth().oauth2(analystToken).queryParam("surveyId", surveyId).queryParam("limit", 100);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = readAgainOn503(() -> request.get("/api/v1/responses"));
            page.getList("items.customerId", String.class).forEach(id -> found.merge(id, 1, Integer::sum));
            after = page.getString("next");
        } while (after != null);
        return found;
    }

    /** Stored interactions of a customer, counted per interaction id. */
    static List<String> storedInteractionIds(String customerId, String analystToken) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(analystToken).queryParam("limit", 200);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = readAgainOn503(() -> request.get("/api/v1/customers/" + customerId + "/timeline"));
            ids.addAll(page.getList("items.id", String.class));
            after = page.getString("next");
        } while (after != null);
        return ids;
    }

    /**
     * How many responses metrics-service counted for the touchpoint's CES (-1 while it cannot say), asked at
     * {@code base} (the gateway, or metrics-service itself while the gateway is the component under test).
     */
    static long countedResponses(String base, String journeyId, String touchpointId, String analystToken) {
        Response r = given().config(BOUNDED).baseUri(base).auth().oauth2(analystToken).queryParam("metric", "CES")
                .get("/api/v1/metrics/journeys/" + journeyId + "/touchpoints/" + touchpointId);
        if (r.statusCode() != 200) {
            return -1;
        }
        List<Object> n = r.jsonPath().getList("figures.n");
        return n.stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    /** How many interactions metrics-service counted in the journey's funnel (-1 while it cannot say). */
    static long countedInteractions(String base, String journeyId, String analystToken) {
        Response r = given().config(BOUNDED).baseUri(base).auth().oauth2(analystToken)
                .get("/api/v1/metrics/journeys/" + journeyId + "/funnel");
        if (r.statusCode() != 200) {
            return -1;
        }
        List<Object> n = r.jsonPath().getList("stages.interactions");
        return n.stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    static Reconciliation reconcile(Set<String> acknowledged, Map<String, Integer> present) {
        int lost = (int) acknowledged.stream().filter(id -> !present.containsKey(id)).count();
        int doubled = present.values().stream().mapToInt(times -> Math.max(0, times - 1)).sum();
        return new Reconciliation(acknowledged.size(), present.size(), lost, doubled);
    }

    /** Counts are compared by size: nothing is counted that was not pushed, so a surplus is a double count. */
    static Reconciliation reconcileCount(Set<String> acknowledged, long counted) {
        return new Reconciliation(acknowledged.size(), (int) counted, (int) Math.max(0, acknowledged.size() - counted),
                (int) Math.max(0, counted - acknowledged.size()));
    }

    /**
     * A page read that answers 200. Right after a store's restart the gateway may still hold the service out for a
     * probe or two (503 with Retry-After): the read is made again, as any client would.
     */
    private static JsonPath readAgainOn503(Supplier<Response> read) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(read::get, response -> response.statusCode() != 503)
                .then().statusCode(200).extract().jsonPath();
    }
}
