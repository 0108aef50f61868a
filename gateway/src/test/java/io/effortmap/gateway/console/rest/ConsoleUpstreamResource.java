package io.effortmap.gateway.console.rest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A stand-in console: answers every GET with what reached it (path, query, the headers a test asks about). */
public class ConsoleUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                var h = exchange.getRequestHeaders();
                String text = "console " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " authorization=" + h.getFirst("Authorization") + " cookie=" + h.getFirst("Cookie")
                        + " accept=" + h.getFirst("Accept");
                byte[] out = text.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'");
                exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : out.length);
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseBody().write(out);
                }
                exchange.close();
            });
            server.start();
            return Map.of("effortmap.gateway.console.url", "http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
