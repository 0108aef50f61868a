package io.effortmap.gateway.routing.service;

import io.effortmap.gateway.routing.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HTTP clients to the upstreams. Requests say per call whether they go over TLS ({@code https} upstreams); those are
 * verified against {@code effortmap.gateway.upstream-trust-certs} (PEM files) or, without them, the JVM's default
 * trust store, with SNI and host name verification.
 */
@Singleton
public class UpstreamClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    /**
     * One client per event loop: a client's connections belong to the loop that opened them, so with one shared pool a
     * request on one loop was often handed a connection of another, and each exchange hopped threads twice.
     */
    private final ThreadLocal<HttpClient> perEventLoop;
    private final List<HttpClient> opened = new CopyOnWriteArrayList<>();

    UpstreamClients(GatewayConfig config, Vertx vertx) {
        this.vertx = vertx;
        this.options = new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000).setDecompressionSupported(false)
                .setForceSni(true).setVerifyHost(true)
                // No client span per exchange: the gateway's server span covers it, and ForwardedHeaders writes its
                // trace context into the upstream request (one span per request instead of two).
                .setTracingPolicy(TracingPolicy.IGNORE);
        config.upstreamTrustCerts().ifPresent(certs -> {
            PemTrustOptions trust = new PemTrustOptions();
            certs.forEach(trust::addCertPath);
            options.setTrustOptions(trust);
        });
        this.pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()).setMaxWaitQueueSize(10_000);
        this.perEventLoop = ThreadLocal.withInitial(() -> open(options, pool));
    }

    /** The client of the calling event loop. */
    public HttpClient forCurrentLoop() {
        return perEventLoop.get();
    }

    /** A client of its own (other pool settings, e.g. for reading the services' OpenAPI documents), with the same trust. */
    public HttpClient create(int connectTimeoutMillis) {
        return open(new HttpClientOptions(options).setConnectTimeout(connectTimeoutMillis), new PoolOptions());
    }

    void close(@Observes ShutdownEvent event) {
        opened.forEach(HttpClient::close);
    }

    private HttpClient open(HttpClientOptions clientOptions, PoolOptions poolOptions) {
        HttpClient client = vertx.createHttpClient(clientOptions, poolOptions);
        opened.add(client);
        return client;
    }
}
