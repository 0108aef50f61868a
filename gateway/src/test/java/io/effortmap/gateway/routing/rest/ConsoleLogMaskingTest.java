package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.ConsoleLogCapture;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The gateway's console output, as configured: invitation tokens never appear, whoever logs them (the access line,
 * Quarkus, a library) and wherever (message, parameters, exception messages, query strings).
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class ConsoleLogMaskingTest {

    private static final String TOKEN = "Zq8Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6u";

    @Test
    void accessLinesOfRespondentPathsShowNoToken() {
        try (ConsoleLogCapture console = ConsoleLogCapture.start()) {
            String id = "console-" + UUID.randomUUID();
            given().header("X-Request-Id", id).header("X-Forwarded-For", "192.0.2.80")
                    .get("/api/v1/public/surveys/" + TOKEN + "/responses").then().statusCode(200);
            given().header("X-Request-Id", id).header("X-Forwarded-For", "192.0.2.82").get("/s/" + TOKEN)
                    .then().statusCode(200);
            Awaitility.await().until(() -> console.output().split("request-id=" + id, -1).length > 2);
            assertThat(console.output()).contains("/api/v1/public/surveys/***/responses").contains("/s/***")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void anyLoggerIsMaskedIncludingParametersAndExceptions() {
        try (ConsoleLogCapture console = ConsoleLogCapture.start()) {
            String marker = "marker " + UUID.randomUUID();
            Logger.getLogger("io.vertx.some.library").errorf(new IllegalStateException("cannot open /s/" + TOKEN),
                    "%s HTTP Request to %s failed (token=%s)", marker, "/api/v1/public/surveys/" + TOKEN, TOKEN);
            Awaitility.await().until(() -> console.output().contains(marker));
            assertThat(console.output()).contains("HTTP Request to /api/v1/public/surveys/*** failed (token=***)")
                    .contains("java.lang.IllegalStateException: cannot open /s/***")
                    .doesNotContain(TOKEN);
        }
    }
}
