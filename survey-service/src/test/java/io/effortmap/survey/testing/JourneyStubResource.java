package io.effortmap.survey.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in journey-service on a free port. It answers the touchpoint lookup like the real one (200 for touchpoints
 * registered in the caller's workspace, 404 otherwise, 401 without a token) and can be switched to failing (503),
 * slow, refusing the request (400), answering something else than a touchpoint (a journey) or answering garbage. Tests drive it over HTTP ({@link JourneyStub}) because test resources and tests live in different class
 * loaders, so shared static state would not be shared.
 */
public class JourneyStubResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern LOOKUP = Pattern.compile("^/api/v1/journeys/([^/]+)/touchpoints/([^/]+)$");
    private static final Pattern WORKSPACE = Pattern.compile("\"workspace\"\\s*:\\s*\"([^\"]+)\"");

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile String mode = "UP";
    private volatile String lastAuthorization = "";
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("journey-service stub did not start", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "journey-stub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/api/v1/journeys/", this::lookup);
        server.createContext("/__stub/", this::control);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.rest-client.journey-service.url", url,
                "effortmap.journey-client.read-timeout", "500ms",
                "effortmap.journey-client.retry-after", "7s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void lookup(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = LOOKUP.matcher(exchange.getRequestURI().getPath());
            if (!m.matches() || !exchange.getRequestMethod().equals("GET")) {
                send(exchange, 404, "{\"status\":404}");
                return;
            }
            lookups.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastAuthorization = authorization == null ? "" : authorization;
            switch (mode) {
                case "ERROR" -> {
                    send(exchange, 503, "{\"status\":503}");
                    return;
                }
                case "SLOW" -> sleep(3000);
                case "REFUSE" -> {
                    send(exchange, 400, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}");
                    return;
                }
                case "WRONG" -> {
                    send(exchange, 200, "{\"id\":\"" + m.group(1) + "\",\"name\":\"A journey\",\"stages\":[]}");
                    return;
                }
                case "GARBAGE" -> {
                    send(exchange, 200, "<html>not json</html>");
                    return;
                }
                default -> {
                }
            }
            String workspace = workspaceOf(authorization);
            if (workspace == null) {
                send(exchange, 401, "{\"status\":401}");
                return;
            }
            String journeyId = m.group(1);
            String touchpointId = m.group(2);
            if (!known.contains(workspace + "|" + journeyId + "|" + touchpointId)) {
                send(exchange, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
                return;
            }
            send(exchange, 200, """
                    {"journeyId":"%s","touchpointId":"%s","name":"Password reset","channel":"web",
                     "stageId":"stage-1","stageName":"Support","targets":{"CES":5.5}}""".formatted(journeyId, touchpointId));
        } catch (IOException e) {
            // the client gave up (timeout test): nothing to answer
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().substring("/__stub/".length()).split("/");
            switch (parts[0]) {
                case "touchpoints" -> {
                    known.add(parts[1] + "|" + parts[2] + "|" + parts[3]);
                    send(exchange, 200, "{}");
                }
                case "mode" -> {
                    mode = parts[1];
                    send(exchange, 200, "{}");
                }
                case "reset" -> {
                    mode = "UP";
                    lookups.set(0);
                    lastAuthorization = "";
                    send(exchange, 200, "{}");
                }
                case "lookups" -> send(exchange, 200, Integer.toString(lookups.get()));
                case "last-authorization" -> send(exchange, 200, lastAuthorization);
                default -> send(exchange, 404, "{}");
            }
        }
    }

    private static String workspaceOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] jwt = authorization.substring(7).split("\\.");
        if (jwt.length < 2) {
            return null;
        }
        String payload = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        Matcher m = WORKSPACE.matcher(payload);
        return m.find() ? m.group(1) : null;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
