package io.effortmap.metrics.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a free local port. It checks every request's signature itself (Standard Webhooks: HMAC-SHA256
 * of {@code id.timestamp.body} under the base64-decoded secret after {@code whsec_}), and per path can fail a number
 * of first requests, or every request while the path is down, with 500, or never answer a path at all.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** {@code answered}: the status sent back, 0 when the request was left hanging. */
    public record Received(String path, String webhookId, long timestamp, String signature, String body,
            boolean signatureValid, int answered, Instant at) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> answer(request, body)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    public void failFirst(String path, int attempts) {
        failFirst.put(path, new AtomicInteger(attempts));
    }

    public void down(String path, boolean isDown) {
        if (isDown) {
            down.add(path);
        } else {
            down.remove(path);
        }
    }

    /** Requests to {@code path} are read and never answered. */
    public void hang(String path) {
        hanging.add(path);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void answer(HttpServerRequest request, Buffer body) {
        String path = request.path();
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String signature = request.getHeader("webhook-signature");
        String text = body.toString(StandardCharsets.UTF_8);
        if (hanging.contains(path)) {
            received.add(new Received(path, id, timestamp == null ? -1 : Long.parseLong(timestamp), signature, text,
                    valid(secrets.get(path), id, timestamp, text, signature), 0, Instant.now()));
            return;
        }
        AtomicInteger failures = failFirst.get(path);
        int status = down.contains(path) || failures != null && failures.getAndDecrement() > 0 ? 500 : 204;
        received.add(new Received(path, id, timestamp == null ? -1 : Long.parseLong(timestamp), signature, text,
                valid(secrets.get(path), id, timestamp, text, signature), status, Instant.now()));
        request.response().setStatusCode(status).end();
    }

    /** As a Standard Webhooks receiver checks: any of the space-separated {@code v1,} signatures may match. */
    private static boolean valid(String secret, String id, String timestamp, String body, String signatures) {
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
