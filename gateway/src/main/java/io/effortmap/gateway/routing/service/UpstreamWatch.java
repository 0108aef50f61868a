package io.effortmap.gateway.routing.service;

import io.effortmap.gateway.routing.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * With {@code effortmap.gateway.probe-readiness} on, probes every upstream's readiness check on its management
 * interface every {@code health-probe-interval}, each probe given {@code health-probe-timeout}; see {@link UpstreamHealth}.
 * When a service becomes ready again its circuit breaker is closed at once, so its routes resume without waiting for
 * the breaker's next trial request. Every {@value #SWEEP_MILLIS} ms, requests that have waited
 * {@code health-probe-interval + health-probe-timeout} (1.5 s by default) for a service that has answered no probe for
 * two intervals (1 s) are answered 503: a service that stalls, or a just-restarted one too busy to answer, fails them
 * within the same bound as the services' own store deadline instead of when its probes have failed enough times.
 */
@ApplicationScoped
public class UpstreamWatch {

    private static final long SWEEP_MILLIS = 100;

    private final RouteTable routes;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final UpstreamClients clients;
    private HttpClient client;

    private long timer = -1;
    private long sweep = -1;

    UpstreamWatch(RouteTable routes, GatewayConfig config, Vertx vertx, UpstreamClients clients) {
        this.routes = routes;
        this.config = config;
        this.vertx = vertx;
        this.clients = clients;
    }

    void start(@Observes StartupEvent event) {
        if (routes.targets().stream().noneMatch(t -> t.health().probed())) {
            return;
        }
        // The upstreams' client settings (TLS trust for https management URLs, no client spans: a probe every 500 ms
        // would otherwise be a trace each); its connections closed with the others at shutdown.
        client = clients.create((int) config.healthProbeTimeout().toMillis());
        timer = vertx.setPeriodic(config.healthProbeInterval().toMillis(), id -> routes.targets().forEach(this::probe));
        long waited = config.healthProbeInterval().plus(config.healthProbeTimeout()).toNanos();
        long silence = config.healthProbeInterval().multipliedBy(2).toNanos();
        sweep = vertx.setPeriodic(SWEEP_MILLIS, id -> routes.targets()
                .forEach(target -> target.health().abandonLongWaits(waited, silence)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(sweep);
        }
    }

    private void probe(RouteTable.Target target) {
        UpstreamHealth health = target.health();
        if (!health.probed()) {
            return;
        }
        long timeout = config.healthProbeTimeout().toMillis();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(health.url())
                .setConnectTimeout(timeout).setIdleTimeout(timeout);
        client.request(request)
                .compose(r -> r.send())
                .onSuccess(response -> {
                    response.body();
                    if (response.statusCode() == 200) {
                        if (health.probeSucceeded()) {
                            target.guard().close();
                        }
                    } else {
                        health.probeFailed("readiness answered " + response.statusCode(), config.healthProbeFailures());
                    }
                })
                .onFailure(failure -> health.probeFailed(failure.toString(), config.healthProbeFailures()));
    }
}
