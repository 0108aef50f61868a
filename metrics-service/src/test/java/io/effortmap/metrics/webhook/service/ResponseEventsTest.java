package io.effortmap.metrics.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import org.junit.jupiter.api.Test;

class ResponseEventsTest {

    @Test
    void detractorsAnswerZeroToSix() {
        assertThat(ResponseEvents.detractor(answer("NPS", 0, 10, 0))).isTrue();
        assertThat(ResponseEvents.detractor(answer("NPS", 0, 10, 6))).isTrue();
        assertThat(ResponseEvents.detractor(answer("NPS", 0, 10, 7))).isFalse();
        assertThat(ResponseEvents.detractor(answer("CSAT", 1, 5, 1))).isFalse();
    }

    @Test
    void hardEffortIsTheBottomTwoOfTheAgreementScaleAndTheTopTwoOfTheEffortScale() {
        assertThat(ResponseEvents.hardEffort(answer("CES_AGREEMENT", 1, 7, 1))).isTrue();
        assertThat(ResponseEvents.hardEffort(answer("CES_AGREEMENT", 1, 7, 2))).isTrue();
        assertThat(ResponseEvents.hardEffort(answer("CES_AGREEMENT", 1, 7, 3))).isFalse();
        assertThat(ResponseEvents.hardEffort(answer("CES_EFFORT", 1, 5, 3))).isFalse();
        assertThat(ResponseEvents.hardEffort(answer("CES_EFFORT", 1, 5, 4))).isTrue();
        assertThat(ResponseEvents.hardEffort(answer("CES_EFFORT", 1, 5, 5))).isTrue();
        assertThat(ResponseEvents.hardEffort(answer("NPS", 0, 10, 0))).isFalse();
    }

    private static Answer answer(String scoring, int min, int max, int score) {
        return new Answer("q", scoring.startsWith("CES") ? "CES" : scoring, min, max, scoring, score, null);
    }
}
