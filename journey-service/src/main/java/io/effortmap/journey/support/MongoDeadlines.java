package io.effortmap.journey.support;

import com.mongodb.MongoClientSettings;
import io.effortmap.common.store.StoreConfig;
import io.quarkus.mongodb.runtime.MongoClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Every MongoDB operation gets {@code effortmap.store.operation-timeout} as its client-side timeout (timeoutMS):
 * server selection, waiting for a pooled connection, connecting and the round trip all count against it, so no
 * operation (of a request or of background work) waits longer, instead of the driver's 30 s defaults and unbounded
 * reads. Requests fail sooner when MongoDB stops answering altogether (StoreDeadline).
 */
@ApplicationScoped
public class MongoDeadlines implements MongoClientCustomizer {

    private final StoreConfig config;

    MongoDeadlines(StoreConfig config) {
        this.config = config;
    }

    @Override
    public MongoClientSettings.Builder customize(MongoClientSettings.Builder builder) {
        return builder.timeout(config.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
