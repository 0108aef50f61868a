package io.effortmap.gateway.routing.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that can hang like a stopped process ({@link #stall()}: it holds every request, its readiness check
 * included, until {@link #resume()}). A request for a path ending in {@code /slow} is held until then even while the
 * upstream answers everything else. Every route and management interface points at it, and the gateway probes readiness.
 */
public class StallableUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private static final Object LOCK = new Object();
    private static final AtomicInteger DROPPED = new AtomicInteger();
    private static boolean stalled;
    /** How many times {@link #resume()} was called: releases the slow requests held until then. */
    private static long resumed;
    private HttpServer server;

    public static void stall() {
        synchronized (LOCK) {
            stalled = true;
        }
    }

    public static void resume() {
        synchronized (LOCK) {
            stalled = false;
            resumed++;
            LOCK.notifyAll();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::answer);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "effortmap.gateway.probe-readiness", "true",
                "effortmap.gateway.services.survey.url", url,
                "effortmap.gateway.services.survey.management-url", url,
                "effortmap.gateway.services.journey.url", url,
                "effortmap.gateway.services.journey.management-url", url,
                "effortmap.gateway.services.metrics.url", url,
                "effortmap.gateway.services.metrics.management-url", url);
    }

    /** Request bodies the upstream never received whole: the gateway dropped the exchange. */
    public static int droppedBodies() {
        return DROPPED.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
            DROPPED.incrementAndGet();
            throw e;
        }
        boolean slow = exchange.getRequestURI().getPath().endsWith("/slow");
        synchronized (LOCK) {
            long generation = resumed;
            while (stalled || slow && generation == resumed) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        byte[] out = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void stop() {
        resume();
        if (server != null) {
            server.stop(0);
        }
    }
}
