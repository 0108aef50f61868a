package io.effortmap.metrics.feed.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Feed reading across service-token expiry, rotation and an identity-provider outage, against the stub's token
 * endpoint: every response fed is counted within {@link #PROMPT} (the feeds are polled every 50 ms here), where a
 * stall at a token's expiry or an open circuit breaker would take 5 s or more.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class ServiceTokenIngestionTest {

    private static final Duration PROMPT = Duration.ofSeconds(2);
    /** The first response of a test waits for a cold service on a busy machine: set-up, not what is measured. */
    private static final Duration SETUP = Duration.ofSeconds(60);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @AfterEach
    void normalTokens() {
        given().post(stub + "/stub/token-down?on=false").then().statusCode(204);
        given().post(stub + "/stub/token-lifetime?seconds=300").then().statusCode(204);
    }

    @Test
    void shortLivedTokensAreRenewedBeforeTheyExpireSoNoFeedCallIsEverRefused() {
        given().post(stub + "/stub/token-lifetime?seconds=3").then().statusCode(204);
        given().post(stub + "/stub/revoke-tokens").then().statusCode(204); // the next token is a short-lived one
        int count = 0;
        feedAndAwait("tp-short", ++count, SETUP);
        int refusedBefore = refused();
        int issuedBefore = issued();
        // 8 s: more than two lifetimes of a token, a response every 400 ms, each counted promptly.
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < end) {
            feedAndAwait("tp-short", ++count);
            await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        assertThat(issued() - issuedBefore).as("tokens renewed").isGreaterThanOrEqualTo(3);
        // Renewed before expiry every time: no feed call was ever sent with an expired token.
        assertThat(refused() - refusedBefore).as("feed calls refused").isZero();
    }

    @Test
    void aRotatedTokenAnswered401IsReplacedAndTheCallRetriedWithoutAStall() {
        feedAndAwait("tp-rotated", 1, SETUP);
        for (int rotation = 1; rotation <= 5; rotation++) {
            given().post(stub + "/stub/revoke-tokens").then().statusCode(204);
            feedAndAwait("tp-rotated", 1 + rotation);
        }
    }

    @Test
    void ingestionGoesOnWithTheLastTokenWhileTheIdentityProviderIsDown() {
        given().post(stub + "/stub/token-lifetime?seconds=20").then().statusCode(204);
        given().post(stub + "/stub/revoke-tokens").then().statusCode(204); // the next token lives 20 s
        feedAndAwait("tp-idp-down", 1, SETUP);
        // 12 s into the 20 s token: one renewed only when it expires would have 8 s left. This one is renewed
        // whenever a quarter of its life is gone, so it has at least 15 s: the 10 s outage goes unnoticed.
        await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        given().post(stub + "/stub/token-down?on=true").then().statusCode(204);
        long outageEnds = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int count = 1;
        while (System.nanoTime() < outageEnds) {
            feedAndAwait("tp-idp-down", ++count, PROMPT);
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        }
        given().post(stub + "/stub/token-down?on=false").then().statusCode(204);
        feedAndAwait("tp-idp-down", ++count, PROMPT);
    }

    private void feedAndAwait(String touchpoint, int expected) {
        feedAndAwait(touchpoint, expected, PROMPT);
    }

    private void feedAndAwait(String touchpoint, int expected, Duration within) {
        String event = """
                {"id":"%s","workspace":"ws-a","surveyId":"s1","journeyId":"j1","touchpointId":"%s","channel":"web",
                 "customerId":"c1","segments":{},"occurredAt":"%sT10:00:00Z","receivedAt":"%sT10:00:01Z","answers":[
                 {"questionKey":"q","kind":"CES","scaleMin":1,"scaleMax":7,"scoring":"CES_AGREEMENT","score":5}]}
                """.formatted(UUID.randomUUID(), touchpoint, TODAY, TODAY);
        given().body(event).post(stub + "/stub/responses").then().statusCode(204);
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> given().auth()
                .oauth2(TestTokens.analyst("ws-a")).queryParam("metric", "CES")
                .get("/api/v1/metrics/journeys/j1/touchpoints/" + touchpoint)
                .then().extract().path("figures[0].n") instanceof Integer n && n == expected);
    }

    private int issued() {
        return given().get(stub + "/stub/tokens").then().statusCode(200).extract().path("issued");
    }

    private int refused() {
        return given().get(stub + "/stub/tokens").then().statusCode(200).extract().path("refused");
    }
}
