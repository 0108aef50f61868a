package io.effortmap.journey.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * MongoDB's readiness ping (StoreProbe, several a second) runs untraced: with the store client instrumented, each ping
 * would otherwise be exported as a trace of its own. A request's MongoDB commands are still exported, so the exporter
 * is seen to work.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class BackgroundPingTracingTest {

    @Inject
    InMemorySpanExporter exported;

    @Test
    void readinessPingsAreNotExportedWhileRequestsAre() {
        String ws = TestData.workspace();
        TestData.createJourney(ws, TestTokens.admin(ws));
        // The request's spans are exported (batched): by then pings have run for as long as the service has.
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(exported.getFinishedSpanItems())
                .anySatisfy(span -> assertThat(span.getName()).isEqualTo("POST /api/v1/journeys")));
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).as("readiness pings").noneMatch(span -> span.getName().equals("ping"));
    }

    @Singleton
    static class Exporter {

        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }
}
