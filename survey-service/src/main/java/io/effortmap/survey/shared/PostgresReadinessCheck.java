package io.effortmap.survey.shared;

import io.effortmap.common.store.StoreConfig;
import io.effortmap.common.store.StoreProbe;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * PostgreSQL's part of readiness: {@code SELECT 1} in the background (see StoreProbe) over a connection of its own,
 * so a hanging database never ties up the request pool; after a failed ping the connection is dropped and the next
 * ping connects afresh.
 */
@Readiness
@Singleton
public class PostgresReadinessCheck extends StoreProbe {

    private final Vertx vertx;
    private final PgConnectOptions options;
    private volatile PgConnection connection;

    PostgresReadinessCheck(@ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password, StoreConfig config, Vertx vertx) {
        super("postgresql", config, vertx);
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password)
                .setConnectTimeout((int) config.probeTimeout().toMillis());
    }

    void start(@Observes StartupEvent event) {
        begin();
    }

    void stop(@Observes ShutdownEvent event) {
        end();
        afterFailure();
    }

    @Override
    protected Uni<Void> ping() {
        PgConnection open = connection;
        Uni<PgConnection> ready = open != null ? Uni.createFrom().item(open)
                : Uni.createFrom().completionStage(() -> PgConnection.connect(vertx, options).toCompletionStage())
                        .invoke(c -> connection = c);
        return ready.chain(c -> Uni.createFrom().completionStage(() -> c.query("SELECT 1").execute().toCompletionStage()))
                .replaceWithVoid();
    }

    @Override
    protected void afterFailure() {
        PgConnection stale = connection;
        connection = null;
        if (stale != null) {
            stale.close();
        }
    }
}
