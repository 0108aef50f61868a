package io.effortmap.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogSafeTest {

    /** The shape of a real invitation token: 43 url-safe base64 characters. */
    private static final String TOKEN = "q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ";

    @Test
    void masksTheInvitationTokenOfRespondentPaths() {
        assertThat(LogSafe.path("/api/v1/public/surveys/Zk9x_secret-token/responses"))
                .isEqualTo("/api/v1/public/surveys/***/responses");
        assertThat(LogSafe.path("/api/v1/public/surveys/Zk9x_secret-token")).isEqualTo("/api/v1/public/surveys/***");
    }

    @Test
    void masksTheHostedSurveyPage() {
        assertThat(LogSafe.path("/s/" + TOKEN)).isEqualTo("/s/***");
        assertThat(LogSafe.path("/s/mistyped-token/thanks")).isEqualTo("/s/***/***");
        assertThat(LogSafe.text("link https://surveys.example.com/s/abc123 sent")).isEqualTo("link https://surveys.example.com/s/*** sent");
    }

    /** Every segment after the credential is masked, so odd paths cannot carry the token past the mask. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public/surveys/../surveys/secret-part", "/api/v1/public/surveys/%2e%2e/secret-part",
            "/API/V1/PUBLIC/SURVEYS/x/secret-part", "/api/v1/public/surveys/x;y/secret-part",
            "//api/v1/public/surveys/a/b/secret-part"})
    void masksEverySegmentAfterTheCredentialOfOddRespondentPaths(String path) {
        assertThat(LogSafe.path(path)).doesNotContain("secret-part").contains("***");
    }

    @Test
    void masksTokenShapedTextAnywhere() {
        assertThat(LogSafe.text("lookup failed for token=" + TOKEN + ", retrying"))
                .isEqualTo("lookup failed for token=***, retrying");
        assertThat(LogSafe.text("GET /api/v1/surveys/" + TOKEN + "?x=" + TOKEN)).isEqualTo("GET /api/v1/surveys/***?x=***");
        assertThat(LogSafe.text(TOKEN)).isEqualTo("***");
    }

    @Test
    void leavesOtherTextAloneWithoutCopyingIt() {
        String path = "/api/v1/surveys/123";
        assertThat(LogSafe.path(path)).isSameAs(path);
        String line = "GET /api/v1/journeys/jr_5fGh7JkL9mNp 200 1.2 ms request-id=0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(LogSafe.text(line)).isSameAs(line);
        // Longer or shorter runs are not a token's shape (a SHA-256 in hex is 64 characters).
        String digest = "sha256=" + "ab".repeat(32);
        assertThat(LogSafe.text(digest)).isSameAs(digest);
        assertThat(LogSafe.text(null)).isNull();
    }
}
