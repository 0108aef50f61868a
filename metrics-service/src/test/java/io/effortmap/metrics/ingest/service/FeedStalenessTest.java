package io.effortmap.metrics.ingest.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Staleness is visible: while the response feed can be read its read age stays small; while its service is down the
 * age grows past the outage's length, in /q/metrics and in the readiness details, and drops again after it returns.
 * The newest item's age follows the items' receivedAt.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
@TestProfile(FeedStalenessTest.OwnFeed.class)
class FeedStalenessTest {

    /**
     * A fresh application with a feed of its own: items that other test classes fed moments earlier (received "now")
     * would be newer than this test's item, whose age it asserts.
     */
    public static class OwnFeed implements QuarkusTestProfile {
    }

    private static final Pattern READ_AGE = Pattern.compile(
            "effortmap_feed_read_age_seconds\\{feed=\"survey-responses\"[^}]*} ([0-9.eE+-]+|NaN)");
    private static final Pattern NEWEST_AGE = Pattern.compile(
            "effortmap_feed_newest_item_age_seconds\\{feed=\"survey-responses\"[^}]*} ([0-9.eE+-]+|NaN)");

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    /** Health and metrics are served on the management interface. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metricsScrape;

    @Test
    void theAgeOfTheLastSuccessfulReadGrowsWhileTheFeedCannotBeReadAndIsShownInMetricsAndReadiness() {
        Instant received = Instant.now().minusSeconds(100);
        given().body("""
                {"id":"%s","workspace":"ws-a","surveyId":"s1","journeyId":"j1","touchpointId":"tp-stale","channel":"web",
                 "customerId":"c1","segments":{},"occurredAt":"%s","receivedAt":"%s","answers":[]}
                """.formatted(UUID.randomUUID(), received, received)).post(stub + "/stub/responses").then().statusCode(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> metric(READ_AGE) < 3 && metric(NEWEST_AGE) >= 100);

        given().post(stub + "/stub/down?on=true").then().statusCode(204);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(READ_AGE) >= 8);
            given().get(readiness).then()
                    .body("checks.find { it.name == 'feeds' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'feeds' }.data.'survey-responses.readAgeSeconds'",
                            org.hamcrest.Matchers.greaterThanOrEqualTo(8));
        } finally {
            given().post(stub + "/stub/down?on=false").then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(READ_AGE) < 3);
    }

    private double metric(Pattern pattern) {
        String scrape = given().get(metricsScrape).then().statusCode(200).extract().asString();
        Matcher m = pattern.matcher(scrape);
        return m.find() && !m.group(1).equals("NaN") ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
