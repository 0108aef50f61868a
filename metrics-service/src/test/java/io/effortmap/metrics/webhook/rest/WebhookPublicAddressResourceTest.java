package io.effortmap.metrics.webhook.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** As in production: webhook receivers must be on public addresses. */
@QuarkusTest
@TestProfile(WebhookPublicAddressResourceTest.PublicReceiversOnly.class)
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class WebhookPublicAddressResourceTest {

    public static class PublicReceiversOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("effortmap.metrics.webhooks.allow-private-addresses", "false",
                    "effortmap.metrics.webhooks.dispatch", "false");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data", "https://localhost:8443/hook",
            "https://127.0.0.1/hook", "https://10.0.0.7/hook", "https://[::1]/hook", "https://[fd00::7]:8443/hook"})
    void aReceiverOnThisMachineOrAPrivateNetworkIsRefusedNamingTheUrl(String url) {
        given().auth().oauth2(TestTokens.admin("ws-public")).contentType("application/json")
                .body("{\"url\": \"" + url + "\", \"eventTypes\": [\"alert.opened\"]}")
                .post("/api/v1/webhooks").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", startsWith("must "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/effortmap", "https://8.8.8.8/hook"})
    void aPublicReceiverIsAccepted(String url) {
        given().auth().oauth2(TestTokens.admin("ws-public")).contentType("application/json")
                .body("{\"url\": \"" + url + "\", \"eventTypes\": [\"alert.opened\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).body("url", equalTo(url));
    }
}
