package io.effortmap.launcher.stores;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoBackend;
import io.effortmap.localmongo.LocalMongoBackends;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol from an H2 file, so journey and metrics data survive restarts of the local stack.
 * Production uses a real MongoDB; the services only use what both support.
 */
public final class MongoStore {

    private static final int WORKER_THREADS = 32;

    private MongoStore() {
    }

    /** Args: port, data file. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        MongoBackend backend = LocalMongoBackends.h2(file.toString());
        MongoServer server = new MongoServer(backend);
        // A command that wrote waits on its connection's I/O thread for the shared fsync; with Netty's default two
        // threads per core, a readiness ping on a connection sharing that thread waited too.
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, WORKER_THREADS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }));
        StoreSupport.exitWithParent();
        System.out.println("Mongo store ready on port " + port + " with data in " + file);
        stopped.await();
    }
}
