package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import io.effortmap.testsupport.RawHttp;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's access line: one per request, with the request id, method, masked path, status, duration and the
 * request's trace id.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class AccessLogTest {

    private static final String ADMIN = TestTokens.admin("ws-a");
    /** The shape of a real invitation token. */
    private static final String TOKEN = "q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ";
    private static final Logger ACCESS = Logger.getLogger("io.effortmap.gateway.access");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        ACCESS.addHandler(capture);
    }

    @AfterEach
    void release() {
        ACCESS.removeHandler(capture);
    }

    @Test
    void proxiedRequestIsLoggedWithTheCallersRequestIdStatusDurationAndTrace() {
        String id = "access-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(ADMIN).header("X-Request-Id", id)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/v1/journeys/x?secret=query")
                .then().statusCode(200);
        assertThat(lineFor(id)).matches("GET /api/v1/journeys/x 200 \\d+\\.\\d ms request-id=" + id + " trace-id=" + traceId)
                .doesNotContain("secret=query");
    }

    @Test
    void generatedRequestIdIsLoggedAsEchoed() {
        String id = given().get("/api/v1/surveys").then().statusCode(401).extract().header("X-Request-Id");
        assertThat(lineFor(id)).startsWith("GET /api/v1/surveys 401 ");
    }

    @Test
    void idThatCouldForgeLogLinesIsReplaced() {
        given().auth().oauth2(ADMIN).header("X-Request-Id", "forged INFO line").get("/api/v1/journeys/x")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void respondentInvitationTokenIsMaskedInTheLine() {
        String id = "access-" + UUID.randomUUID();
        given().header("X-Request-Id", id).header("X-Forwarded-For", "192.0.2.77")
                .get("/api/v1/public/surveys/invitation-secret-123").then().statusCode(200);
        assertThat(lineFor(id)).startsWith("GET /api/v1/public/surveys/*** 200 ").doesNotContain("invitation-secret-123");
    }

    @Test
    void hostedSurveyPageTokenIsMaskedInTheLine() {
        String id = "access-" + UUID.randomUUID();
        given().header("X-Request-Id", id).header("X-Forwarded-For", "192.0.2.81").get("/s/" + TOKEN)
                .then().statusCode(200);
        assertThat(lineFor(id)).startsWith("GET /s/*** 200 ").doesNotContain(TOKEN);
    }

    /** Odd and refused paths are logged too: nothing after the credential's position survives the mask. */
    @Test
    void tokenInAnOddRespondentPathIsMaskedInTheLine() {
        for (String path : new String[] {"/api/v1/public/surveys/../surveys/" + TOKEN, "/API/V1/PUBLIC/SURVEYS/" + TOKEN,
                "/api/v1/public/surveys/x;" + TOKEN, "/api/v1/surveys/" + TOKEN + "/x"}) {
            String id = "access-" + UUID.randomUUID();
            RawHttp.get(io.restassured.RestAssured.port, path, "X-Request-Id: " + id, "X-Forwarded-For: 192.0.2.79");
            assertThat(lineFor(id)).as(path).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 20));
        }
    }

    /** The line is written when the response ends, which may be just after the client has read it. */
    private String lineFor(String requestId) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains("request-id=" + requestId + " trace-id=")) {
                    return line;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no access line for request id " + requestId + " among " + lines);
    }
}
