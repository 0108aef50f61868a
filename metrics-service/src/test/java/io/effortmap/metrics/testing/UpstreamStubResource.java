package io.effortmap.metrics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for Keycloak's token endpoint, survey-service's response feed and journey-service's touchpoint lookup.
 * Tests feed it through {@code POST /stub/responses} (one event, without position), {@code POST /stub/down} (the
 * feed answers 503), {@code POST /stub/journeys-down} (journey lookups answer 503) and {@code POST /stub/interactions}
 * (one interaction without position, or {@code gap} for a position that holds none).
 * Journey {@code j1} has every touchpoint named {@code tp-*}; journey {@code j2} is a full map ({@link #JOURNEY_J2})
 * with stages {@code st-a} (tp-a1 with CES target 5, tp-a2) and {@code st-b} (tp-b1 with CSAT and NPS targets); both
 * exist in workspace {@code ws-a} only. Surveys: see {@link #survey}. {@code ws-a} counts days in Europe/Berlin;
 * segments region and plan are sliced. More journeys can be registered with
 * {@code POST /stub/journeys?workspace=w&id=j} (body: the journey map as journey-service answers it); they are served to
 * tokens of that workspace only.
 * <p>Service tokens: each call of the token endpoint issues a new token that the feeds accept until it expires
 * ({@code expires_in}, 300 s unless {@code POST /stub/token-lifetime?seconds=n}); {@code POST /stub/revoke-tokens}
 * makes every token issued so far answer 401 (a rotated key), {@code POST /stub/token-down?on=true} makes the token
 * endpoint answer 503 (Keycloak down); {@code GET /stub/tokens} tells how many tokens were issued and how many feed
 * calls were refused.
 */
public class UpstreamStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN_PREFIX = "stub-service-token-";
    /** As journey-service answers it, including fields metrics-service does not read. */
    public static final String JOURNEY_J2 = """
            {"id":"j2","name":"Support","description":"d","owner":"o","personaIds":[],"status":"PUBLISHED","version":3,
             "publishedVersion":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z",
             "stages":[{"id":"st-a","name":"Contact","touchpoints":[
                 {"id":"tp-a1","name":"Phone line","channel":"phone","ownerTeam":"t","painPoints":[],"opportunities":[],
                  "targets":{"CES":5.0}},
                 {"id":"tp-a2","name":"Chat","channel":"chat","targets":{}}]},
               {"id":"st-b","name":"Resolve","touchpoints":[
                 {"id":"tp-b1","name":"Follow-up","channel":"email","targets":{"CSAT":80,"NPS":30}}]}]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> events = new ArrayList<>();
    /** Registered journeys: "workspace|journeyId" to the journey map's JSON. */
    private final Map<String, String> journeys = new ConcurrentHashMap<>();
    /** Interaction feed positions; {@code null} is a position that holds no interaction (a gap marker). */
    private final List<String> interactions = new ArrayList<>();
    /** X-Request-Id headers of the journey and survey lookups, in arrival order. */
    private final List<String> traceparents = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Issued service tokens and when each expires (epoch millis); revoked ones are removed. */
    private final Map<String, Long> serviceTokens = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int tokenLifetimeSeconds = 300;
    private volatile boolean tokenDown;
    private volatile boolean feedDown;
    private volatile boolean journeysDown;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", ex -> {
            if (tokenDown) {
                send(ex, 503, "{}");
                return;
            }
            int lifetime = tokenLifetimeSeconds;
            String token = SERVICE_TOKEN_PREFIX + issued.incrementAndGet();
            serviceTokens.put(token, System.currentTimeMillis() + lifetime * 1000L);
            send(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + lifetime + "}");
        });
        server.createContext("/stub/token-lifetime", ex -> {
            tokenLifetimeSeconds = Integer.parseInt(ex.getRequestURI().getQuery().replace("seconds=", ""));
            send(ex, 204, null);
        });
        server.createContext("/stub/token-down", ex -> {
            tokenDown = ex.getRequestURI().getQuery().contains("on=true");
            send(ex, 204, null);
        });
        server.createContext("/stub/revoke-tokens", ex -> {
            serviceTokens.clear();
            send(ex, 204, null);
        });
        server.createContext("/stub/tokens", ex -> send(ex, 200,
                "{\"issued\":" + issued.get() + ",\"refused\":" + refused.get() + "}"));
        server.createContext("/internal/v1/feed/responses", this::feed);
        server.createContext("/api/v1/journeys/", ex -> {
            traceparents.add(String.valueOf(ex.getRequestHeaders().getFirst("traceparent")));
            touchpoint(ex);
        });
        server.createContext("/stub/traceparents", ex -> send(ex, 200, String.join("\n", traceparents)));
        server.createContext("/stub/responses", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
            synchronized (events) {
                String position = String.format("%020d", events.size() + 1);
                events.add("{\"position\":\"" + position + "\"," + body.substring(1));
            }
            send(ex, 204, null);
        });
        server.createContext("/stub/journeys", ex -> {
            Map<String, String> params = new HashMap<>();
            for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            journeys.put(params.get("workspace") + "|" + params.get("id"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, 204, null);
        });
        server.createContext("/internal/v1/feed/interactions", this::interactionFeed);
        server.createContext("/stub/interactions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
            synchronized (interactions) {
                String position = String.format("%019d", interactions.size() + 1);
                interactions.add(body.equals("gap") ? null : "{\"position\":\"" + position + "\"," + body.substring(1));
            }
            send(ex, 204, null);
        });
        server.createContext("/api/v1/surveys/", ex -> {
            traceparents.add(String.valueOf(ex.getRequestHeaders().getFirst("traceparent")));
            survey(ex);
        });
        server.createContext("/stub/journeys-down", ex -> {
            journeysDown = ex.getRequestURI().getQuery().contains("on=true");
            send(ex, 204, null);
        });
        server.createContext("/stub/down", ex -> {
            feedDown = ex.getRequestURI().getQuery().contains("on=true");
            send(ex, 204, null);
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.survey-feed.url", url),
                Map.entry("quarkus.rest-client.journey-service.url", url),
                Map.entry("quarkus.rest-client.survey-service.url", url),
                Map.entry("quarkus.oidc-client.auth-server-url", url),
                Map.entry("quarkus.oidc-client.token-path", "/token"),
                Map.entry("quarkus.oidc-client.credentials.secret", "stub-secret"),
                Map.entry("effortmap.metrics.feed.idle-poll", "50ms"),
                Map.entry("effortmap.metrics.feed.error-backoff", "100ms"),
                Map.entry("effortmap.metrics.feed.batch-size", "3"),
                Map.entry("effortmap.metrics.time-zones", "ws-a=Europe/Berlin"),
                Map.entry("effortmap.metrics.segment-attributes", "region,plan"));
    }

    private boolean validServiceToken(HttpExchange ex) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        Long expiresAt = authorization == null || !authorization.startsWith("Bearer ") ? null
                : serviceTokens.get(authorization.substring(7));
        if (expiresAt == null || expiresAt <= System.currentTimeMillis()) {
            refused.incrementAndGet();
            send(ex, 401, "{}");
            return false;
        }
        return true;
    }

    private void feed(HttpExchange ex) throws IOException {
        if (!validServiceToken(ex)) {
            return;
        }
        if (feedDown) {
            send(ex, 503, "{}");
            return;
        }
        FeedQuery feedQuery = FeedQuery.of(ex);
        String after = feedQuery.after();
        int limit = feedQuery.limit();
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

    /** Like journey-service: serves positions after the cursor, gaps included, so {@code next} moves past them. */
    private void interactionFeed(HttpExchange ex) throws IOException {
        if (!validServiceToken(ex)) {
            return;
        }
        FeedQuery feedQuery = FeedQuery.of(ex);
        String after = feedQuery.after();
        int limit = feedQuery.limit();
        List<String> page = new ArrayList<>();
        String next = after == null ? String.format("%019d", 0) : after;
        synchronized (interactions) {
            int start = after == null ? 0 : Integer.parseInt(after);
            for (int i = start; i < interactions.size() && i < start + limit; i++) {
                if (interactions.get(i) != null) {
                    page.add(interactions.get(i));
                }
                next = String.format("%019d", i + 1);
            }
        }
        send(ex, 200, "{\"items\":[" + String.join(",", page) + "],\"next\":\"" + next + "\"}");
    }

    private void touchpoint(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        String journey = parts[4];
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (journeysDown) {
            send(ex, 503, "{}");
            return;
        }
        if (parts.length == 5) {
            // /api/v1/journeys/{j}
            String registered = journeys.get(workspace(auth) + "|" + journey);
            if (journey.equals("j2") && workspace(auth).equals("ws-a")) {
                send(ex, 200, JOURNEY_J2);
            } else if (registered != null) {
                send(ex, 200, registered);
            } else {
                send(ex, 404, "{\"status\":404}");
            }
            return;
        }
        // /api/v1/journeys/{j}/touchpoints/{tp}
        String touchpoint = parts[6];
        String registered = journeys.get(workspace(auth) + "|" + journey);
        if (registered != null) {
            send(ex, registeredTouchpoint(registered, journey, touchpoint), 404);
            return;
        }
        boolean known = journey.equals("j1") || journey.equals("j2") && JOURNEY_J2.contains("\"" + touchpoint + "\"");
        if (known && touchpoint.startsWith("tp-") && workspace(auth).equals("ws-a")) {
            send(ex, 200, "{\"journeyId\":\"j1\",\"touchpointId\":\"" + touchpoint + "\",\"name\":\"Checkout\","
                    + "\"channel\":\"web\",\"stageId\":\"st-1\",\"stageName\":\"Purchase\",\"targets\":{\"CES\":5.5}}");
        } else {
            send(ex, 404, "{\"status\":404}");
        }
    }

    /** Every survey id exists in {@code ws-a} except those starting {@code unknown}, with questions q, ces, csat, nps. */
    private void survey(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/api/v1/surveys/".length());
        if (workspace(ex.getRequestHeaders().getFirst("Authorization")).equals("ws-a") && !id.startsWith("unknown")) {
            send(ex, 200, "{\"id\":\"" + id + "\",\"questions\":[{\"key\":\"q\",\"kind\":\"CES\"},"
                    + "{\"key\":\"ces\",\"kind\":\"CES\"},{\"key\":\"csat\",\"kind\":\"CSAT\"},"
                    + "{\"key\":\"nps\",\"kind\":\"NPS\"}]}");
        } else {
            send(ex, 404, "{\"status\":404}");
        }
    }

    /** A registered journey's touchpoint as journey-service's touchpoint lookup answers it; null when absent. */
    private static String registeredTouchpoint(String journeyJson, String journeyId, String touchpointId) {
        try {
            for (JsonNode stage : JSON.readTree(journeyJson).path("stages")) {
                for (JsonNode tp : stage.path("touchpoints")) {
                    if (tp.path("id").asText().equals(touchpointId)) {
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("journeyId", journeyId);
                        answer.put("touchpointId", touchpointId);
                        answer.put("name", tp.path("name").asText());
                        answer.put("channel", tp.path("channel").asText(null));
                        answer.put("stageId", stage.path("id").asText());
                        answer.put("stageName", stage.path("name").asText());
                        answer.put("targets", tp.path("targets"));
                        return JSON.writeValueAsString(answer);
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange ex, String bodyOrNull, int statusWhenNull) throws IOException {
        if (bodyOrNull == null) {
            send(ex, statusWhenNull, "{\"status\":" + statusWhenNull + "}");
        } else {
            send(ex, 200, bodyOrNull);
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

    /** The {@code after} and {@code limit} parameters both feeds take. */
    private record FeedQuery(String after, int limit) {

        static FeedQuery of(HttpExchange ex) {
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
            return new FeedQuery(after, limit);
        }
    }
}
