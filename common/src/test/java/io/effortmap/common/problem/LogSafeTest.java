package io.effortmap.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void masksTheInvitationTokenOfRespondentPaths() {
        assertThat(LogSafe.path("/api/v1/public/surveys/Zk9x_secret-token/responses"))
                .isEqualTo("/api/v1/public/surveys/***/responses");
        assertThat(LogSafe.path("/api/v1/public/surveys/Zk9x_secret-token")).isEqualTo("/api/v1/public/surveys/***");
    }

    @Test
    void leavesOtherPathsAlone() {
        assertThat(LogSafe.path("/api/v1/surveys/123")).isEqualTo("/api/v1/surveys/123");
    }
}
