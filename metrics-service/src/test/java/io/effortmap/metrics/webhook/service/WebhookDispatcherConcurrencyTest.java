package io.effortmap.metrics.webhook.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.metrics.testing.WebhookReceiver;
import io.effortmap.metrics.webhook.repository.Delivery;
import io.effortmap.metrics.webhook.repository.DeliveryRepository;
import io.effortmap.metrics.webhook.repository.WebhookRepository;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several dispatchers (replicas) on one outbox: every delivery is sent once, and a crashed replica's claim is taken
 * over once it expires. The application's own dispatcher is off, so these dispatchers are the only senders.
 */
@QuarkusTest
@TestProfile(WebhookDispatcherConcurrencyTest.OwnDispatchers.class)
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class WebhookDispatcherConcurrencyTest {

    public static class OwnDispatchers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("effortmap.metrics.webhooks.dispatch", "false", "effortmap.metrics.webhooks.batch-size", "4");
        }
    }

    private static WebhookReceiver receiver;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookOutbox outbox;

    @Inject
    MetricsConfig config;

    @Inject
    Vertx vertx;

    @Inject
    DeliveryRetention retention;

    @Inject
    io.quarkus.mongodb.reactive.ReactiveMongoClient mongo;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private final List<WebhookDispatcher> replicas = new ArrayList<>();
    private final String workspace = "ws-replicas-" + UUID.randomUUID();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(r -> r.stop(null));
    }

    @Test
    void competingReplicasSendEveryDeliveryExactlyOnce() {
        String path = "/replicas-" + UUID.randomUUID();
        String webhook = subscribe(path);
        List<WebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(new WebhookEvent(workspace, WebhookEvent.RESPONSE_DETRACTOR, "event-" + i, Instant.now(),
                    Map.of("i", i)));
        }
        outbox.publish(events).await().atMost(Duration.ofSeconds(10));
        List<WebhookDispatcher> three = List.of(replica("a"), replica("b"), replica("c"));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Uni.join().all(three.stream().map(WebhookDispatcher::pollOnce).toList()).andFailFast()
                    .await().atMost(Duration.ofSeconds(10));
            return delivered(webhook) == 30;
        });

        List<WebhookReceiver.Received> got = receiver.received(path);
        assertThat(got).hasSize(30);
        assertThat(got).extracting(WebhookReceiver.Received::webhookId).doesNotHaveDuplicates();
        assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(deliveries.list(workspace, webhook, null, null, 100).await().indefinitely())
                .allSatisfy(d -> assertThat(d.log()).hasSize(1));
    }

    @Test
    void aCrashedReplicasClaimIsTakenOverOnceItExpires() {
        String path = "/crashed-" + UUID.randomUUID();
        String webhook = subscribe(path);
        outbox.publish(workspace, WebhookEvent.ALERT_OPENED, "al_crash.alert.opened", Instant.now(), Map.of())
                .await().atMost(Duration.ofSeconds(10));
        // A replica claims the delivery and dies before sending it.
        Delivery claimed = deliveries.claim("crashed", Instant.now(), Duration.ofSeconds(1)).await().indefinitely();
        assertThat(claimed).isNotNull();
        WebhookDispatcher survivor = replica("survivor");

        await().during(Duration.ofMillis(300)).atMost(Duration.ofMillis(800)).until(() -> {
            survivor.pollOnce().await().indefinitely();
            return receiver.received(path).isEmpty();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            survivor.pollOnce().await().indefinitely();
            return delivered(webhook) == 1;
        });

        Delivery delivery = deliveries.find(workspace, webhook, claimed.id()).await().indefinitely();
        assertThat(delivery.log()).hasSize(1);
        assertThat(delivery.log().getFirst().attempt()).isEqualTo(1);
        assertThat(delivery.log().getFirst().statusCode()).isEqualTo(204);
        assertThat(receiver.received(path)).extracting(WebhookReceiver.Received::webhookId).containsExactly(claimed.id());
    }

    @Test
    void aReceiverOnAnInternalAddressGetsNothingUnlessPrivateAddressesAreAllowed() {
        String path = "/internal-" + UUID.randomUUID();
        // Saved while private receivers are allowed (the test profile); the url is http://127.0.0.1:port/...
        String webhook = subscribe(path);
        outbox.publish(workspace, WebhookEvent.ALERT_OPENED, "al_internal.alert.opened", Instant.now(), Map.of())
                .await().atMost(Duration.ofSeconds(10));
        WebhookDispatcher strict = new WebhookDispatcher(deliveries, webhooks, withoutPrivateAddresses(config), vertx,
                "strict");
        replicas.add(strict);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            strict.pollOnce().await().indefinitely();
            return !deliveries.list(workspace, webhook, Delivery.FAILED, null, 10).await().indefinitely().isEmpty();
        });

        Delivery failed = deliveries.list(workspace, webhook, Delivery.FAILED, null, 10).await().indefinitely().getFirst();
        // Refused for good at the first attempt: retrying cannot make the address public.
        assertThat(failed.log()).hasSize(1);
        assertThat(failed.log().getFirst().statusCode()).isNull();
        assertThat(failed.log().getFirst().error()).contains("non-public address").contains("127.0.0.1");
        assertThat(receiver.received(path)).isEmpty();
    }

    @Test
    void finishedDeliveriesGoAfterTheRetentionPeriodAndPendingOnesStay() {
        Instant old = Instant.now().minus(config.webhooks().retention()).minus(Duration.ofHours(1));
        Instant recent = Instant.now().minus(Duration.ofDays(1));
        Map<String, String> stored = new java.util.LinkedHashMap<>();
        stored.put("old-delivered", Delivery.DELIVERED);
        stored.put("old-failed", Delivery.FAILED);
        stored.put("old-pending", Delivery.PENDING);
        stored.put("recent-delivered", Delivery.DELIVERED);
        var collection = mongo.getDatabase(database).getCollection("webhookDeliveries");
        String prefix = "msg_retention_" + UUID.randomUUID() + "_";
        stored.forEach((name, state) -> collection.insertOne(new org.bson.Document("_id", prefix + name)
                        .append("ws", workspace).append("sub", "wh_retention").append("state", state)
                        .append("createdAt", java.util.Date.from(name.startsWith("old") ? old : recent))
                        .append("nextAttemptAt", java.util.Date.from(Instant.now().plus(Duration.ofDays(1)))))
                .await().atMost(Duration.ofSeconds(10)));

        assertThat(retention.purgeOnce().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(2);

        List<String> left = collection.find(new org.bson.Document("ws", workspace)).map(d -> d.getString("_id"))
                .collect().asList().await().atMost(Duration.ofSeconds(10));
        assertThat(left).containsExactlyInAnyOrder(prefix + "old-pending", prefix + "recent-delivered");
    }

    /** The service's configuration with private receivers refused. */
    private static MetricsConfig withoutPrivateAddresses(MetricsConfig config) {
        MetricsConfig.Webhooks webhooks = (MetricsConfig.Webhooks) java.lang.reflect.Proxy.newProxyInstance(
                MetricsConfig.Webhooks.class.getClassLoader(), new Class<?>[] {MetricsConfig.Webhooks.class},
                (proxy, method, args) -> method.getName().equals("allowPrivateAddresses") ? Boolean.FALSE
                        : method.invoke(config.webhooks(), args));
        return (MetricsConfig) java.lang.reflect.Proxy.newProxyInstance(MetricsConfig.class.getClassLoader(),
                new Class<?>[] {MetricsConfig.class},
                (proxy, method, args) -> method.getName().equals("webhooks") ? webhooks : method.invoke(config, args));
    }

    private WebhookDispatcher replica(String name) {
        WebhookDispatcher replica = new WebhookDispatcher(deliveries, webhooks, config, vertx, name);
        replicas.add(replica);
        return replica;
    }

    private long delivered(String webhook) {
        return deliveries.list(workspace, webhook, Delivery.DELIVERED, null, 100).await().indefinitely().size();
    }

    private String subscribe(String path) {
        ValidatableResponse created = given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json")
                .body("{\"url\": \"" + receiver.url(path) + "\", \"eventTypes\": [\"response.detractor\", \"alert.opened\"]}")
                .post("/api/v1/webhooks").then().statusCode(201);
        receiver.secret(path, created.extract().path("secret"));
        return created.extract().path("id");
    }
}
