package io.effortmap.gateway.routing.rest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An upstream that echoes what reached it: method, URI, selected headers and a digest of the body. Survey and
 * journey routes (and their management URLs) point at it; metrics points at a closed port;
 * {@code /api/v1/journeys/slow} answers after 3 s; {@code .../created} answers 201 with an absolute Location.
 */
public class EchoUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                var h = exchange.getRequestHeaders();
                String json = "{\"method\":\"" + exchange.getRequestMethod() + "\""
                        + ",\"uri\":\"" + exchange.getRequestURI() + "\""
                        + ",\"authorization\":" + quote(h.getFirst("Authorization"))
                        + ",\"requestId\":" + quote(h.getFirst("X-Request-Id"))
                        + ",\"traceparent\":" + quote(h.getFirst("traceparent"))
                        + ",\"proxyAuthorization\":" + quote(h.getFirst("Proxy-Authorization"))
                        + ",\"custom\":" + quote(h.getFirst("X-Custom"))
                        + ",\"bodyLength\":" + body.length
                        + ",\"bodySha256\":\"" + sha256(body) + "\"}";
                byte[] out = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Upstream", "echo");
                if (exchange.getRequestURI().getPath().endsWith("/created")) {
                    // As a JAX-RS service builds it from a relative URI: absolute, with the Host it was called by.
                    String path = exchange.getRequestURI().getPath();
                    exchange.getResponseHeaders().add("Location", "http://" + h.getFirst("Host")
                            + path.substring(0, path.length() - "/created".length()) + "/new-id");
                }
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/created") ? 201 : 200, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of(
                    "effortmap.gateway.services.survey.url", url,
                    "effortmap.gateway.services.survey.management-url", url,
                    "effortmap.gateway.services.journey.url", url,
                    "effortmap.gateway.services.journey.management-url", url,
                    "effortmap.gateway.services.journey.timeout", "1s",
                    "effortmap.gateway.services.metrics.url", "http://127.0.0.1:" + closedPort,
                    "effortmap.gateway.services.metrics.management-url", "http://127.0.0.1:" + closedPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value.replace("\"", "\\\"") + "\"";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
