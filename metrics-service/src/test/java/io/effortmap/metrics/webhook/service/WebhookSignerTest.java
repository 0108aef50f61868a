package io.effortmap.metrics.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signatureMatchesTheStandardWebhooksKnownAnswer() {
        // The Standard Webhooks test vector; checked by hand with
        // printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
        //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0 -binary | base64
        String signature = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theTimestampAndTheBodyAreSigned() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = WebhookSigner.sign(secret, "msg_1", 1614265330L, "{}");

        assertThat(WebhookSigner.sign(secret, "msg_1", 1614265331L, "{}")).isNotEqualTo(signature);
        assertThat(WebhookSigner.sign(secret, "msg_1", 1614265330L, "{ }")).isNotEqualTo(signature);
        assertThat(WebhookSigner.sign(secret, "msg_2", 1614265330L, "{}")).isNotEqualTo(signature);
    }

    @Test
    void newSecretsAreThirtyTwoRandomBytes() {
        String secret = WebhookSigner.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void messageIdsAreStablePerEventAndSubscription() {
        String id = WebhookSigner.messageId("al_1.alert.opened", "wh_1");

        assertThat(id).matches("msg_[A-Za-z0-9_-]{32}");
        assertThat(WebhookSigner.messageId("al_1.alert.opened", "wh_1")).isEqualTo(id);
        assertThat(WebhookSigner.messageId("al_1.alert.opened", "wh_2")).isNotEqualTo(id);
        assertThat(WebhookSigner.messageId("al_1.alert.resolved", "wh_1")).isNotEqualTo(id);
    }
}
