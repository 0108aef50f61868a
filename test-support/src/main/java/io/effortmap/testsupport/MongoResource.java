package io.effortmap.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import io.effortmap.localmongo.LocalMongoBackends;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetSocketAddress;
import java.util.Map;

/** An in-memory server speaking the MongoDB wire protocol on a free port. */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(LocalMongoBackends.memory());
        InetSocketAddress address = server.bind();
        return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + address.getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
