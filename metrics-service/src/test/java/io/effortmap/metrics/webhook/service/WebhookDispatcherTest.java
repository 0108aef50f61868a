package io.effortmap.metrics.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        Duration base = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(1);

        assertThat(WebhookDispatcher.backoff(1, base, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(WebhookDispatcher.backoff(2, base, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WebhookDispatcher.backoff(3, base, max)).isEqualTo(Duration.ofSeconds(20));
        assertThat(WebhookDispatcher.backoff(4, base, max)).isEqualTo(Duration.ofSeconds(40));
        assertThat(WebhookDispatcher.backoff(5, base, max)).isEqualTo(max);
        assertThat(WebhookDispatcher.backoff(500, base, max)).isEqualTo(max);
    }
}
