package io.effortmap.journey.support;

import io.effortmap.common.store.StoreConfig;
import io.effortmap.common.store.StoreProbe;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** MongoDB's part of readiness: pinged in the background (see StoreProbe), answered without waiting. */
@Readiness
@Singleton
public class MongoReadinessCheck extends StoreProbe {

    private final ReactiveMongoClient mongo;
    private final String database;

    MongoReadinessCheck(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            StoreConfig config, Vertx vertx) {
        super("mongodb", config, vertx);
        this.mongo = mongo;
        this.database = database;
    }

    void start(@Observes StartupEvent event) {
        begin();
    }

    void stop(@Observes ShutdownEvent event) {
        end();
    }

    @Override
    protected Uni<Void> ping() {
        return mongo.getDatabase(database).runCommand(new Document("ping", 1)).replaceWithVoid();
    }
}
