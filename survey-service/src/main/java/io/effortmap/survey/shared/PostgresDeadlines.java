package io.effortmap.survey.shared;

import io.effortmap.common.store.StoreConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool (Hibernate Reactive uses it too) with {@code effortmap.store.operation-timeout} on connecting, on
 * waiting for a pooled connection (the driver's defaults are 60 s and 30 s) and, as PostgreSQL's
 * {@code statement_timeout}, on every statement. Requests fail sooner when PostgreSQL stops answering altogether
 * (StoreDeadline).
 */
@Singleton
public class PostgresDeadlines implements PgPoolCreator {

    private final StoreConfig config;

    PostgresDeadlines(StoreConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        int millis = (int) config.operationTimeout().toMillis();
        PoolOptions pool = input.poolOptions().setConnectionTimeout(millis)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        servers.forEach(server -> server.setConnectTimeout(millis)
                .addProperty("statement_timeout", Integer.toString(millis)));
        return PgDriver.INSTANCE.createPool(input.vertx(), servers, pool);
    }
}
