package io.effortmap.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import io.effortmap.localmongo.LocalMongoBackends;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The in-memory Mongo store reached through a {@link StoreProxy} the test can stall or take down ({@link #proxy()}). */
public class MongoBehindProxyResource implements QuarkusTestResourceLifecycleManager {

    private static volatile StoreProxy proxy;
    private MongoServer server;

    public static StoreProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        server = new MongoServer(LocalMongoBackends.memory());
        proxy = new StoreProxy("127.0.0.1", server.bind().getPort());
        return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + proxy.port());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }
}
