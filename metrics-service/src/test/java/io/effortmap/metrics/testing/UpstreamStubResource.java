package io.effortmap.metrics.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Stands in for Keycloak's token endpoint, survey-service's response feed and journey-service's touchpoint lookup.
 * Tests feed it through {@code POST /stub/responses} (one event, without position) and {@code POST /stub/down}.
 * Journey {@code j1} has every touchpoint named {@code tp-*}, in workspace {@code ws-a} only.
 */
public class UpstreamStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN = "stub-service-token";

    private final List<String> events = new ArrayList<>();
    private volatile boolean feedDown;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", ex -> send(ex, 200,
                "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
        server.createContext("/internal/v1/feed/responses", this::feed);
        server.createContext("/api/v1/journeys/", this::touchpoint);
        server.createContext("/stub/responses", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
            synchronized (events) {
                String position = String.format("%020d", events.size() + 1);
                events.add("{\"position\":\"" + position + "\"," + body.substring(1));
            }
            send(ex, 204, null);
        });
        server.createContext("/stub/down", ex -> {
            feedDown = ex.getRequestURI().getQuery().contains("on=true");
            send(ex, 204, null);
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.rest-client.survey-feed.url", url,
                "quarkus.rest-client.journey-service.url", url,
                "quarkus.oidc-client.auth-server-url", url,
                "quarkus.oidc-client.token-path", "/token",
                "quarkus.oidc-client.credentials.secret", "stub-secret",
                "effortmap.metrics.feed.idle-poll", "50ms",
                "effortmap.metrics.feed.error-backoff", "100ms",
                "effortmap.metrics.feed.batch-size", "3");
    }

    private void feed(HttpExchange ex) throws IOException {
        if (!("Bearer " + SERVICE_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{}");
            return;
        }
        if (feedDown) {
            send(ex, 503, "{}");
            return;
        }
        String after = null;
        int limit = 500;
        String query = ex.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("after") && kv.length == 2) {
                after = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            } else if (kv[0].equals("limit")) {
                limit = Integer.parseInt(kv[1]);
            }
        }
        List<String> page = new ArrayList<>();
        String next = after;
        synchronized (events) {
            int start = after == null ? 0 : Integer.parseInt(after);
            for (int i = start; i < events.size() && page.size() < limit; i++) {
                page.add(events.get(i));
                next = String.format("%020d", i + 1);
            }
        }
        send(ex, 200, "{\"items\":[" + String.join(",", page) + "],\"next\":" + (next == null ? "null" : "\"" + next + "\"") + "}");
    }

    private void touchpoint(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        // /api/v1/journeys/{j}/touchpoints/{tp}
        String journey = parts[4];
        String touchpoint = parts[6];
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (journey.equals("j1") && touchpoint.startsWith("tp-") && workspace(auth).equals("ws-a")) {
            send(ex, 200, "{\"journeyId\":\"j1\",\"touchpointId\":\"" + touchpoint + "\",\"name\":\"Checkout\","
                    + "\"channel\":\"web\",\"stageId\":\"st-1\",\"stageName\":\"Purchase\",\"targets\":{\"CES\":5.5}}");
        } else {
            send(ex, 404, "{\"status\":404}");
        }
    }

    private static String workspace(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "";
        }
        String payload = new String(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        int at = payload.indexOf("\"workspace\":\"");
        return at < 0 ? "" : payload.substring(at + 13, payload.indexOf('"', at + 13));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        if (body != null) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
