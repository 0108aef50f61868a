package io.effortmap.localmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * What durability costs the local Mongo store: the same writes against the file store as it runs now (every
 * acknowledged write committed and fsynced, commits shared) and as it ran before (H2's own commit about once a second,
 * so a crash lost the last second), in the same run, each in a fresh file. Two shapes: bulk pushes (unordered
 * insertMany of 1,000 documents, as the bulk endpoints write) and single-document inserts from 16 concurrent clients
 * (one interaction per call). Not part of the suite (no Test suffix); run it with
 * {@code ./mvnw -pl local-mongo test -Dtest=DurabilityCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DurabilityCostBenchmark {

    private static final int BULK_DOCS = Integer.getInteger("bench.bulkDocs", 100_000);
    private static final int SINGLE_DOCS = Integer.getInteger("bench.singleDocs", 20_000);
    private static final int CLIENTS = 16;

    @Test
    void durableAgainstOnceASecondCommits() throws Exception {
        Path dir = Files.createTempDirectory("durability-cost");
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            for (boolean durable : new boolean[] {false, true}) {
                String name = durable ? "durable (fsync per ack)" : "before (commit ~1/s)";
                Supplier<MongoBackend> backend = () -> {
                    String file = dir.resolve("store-" + System.nanoTime() + ".mv").toString();
                    return durable ? LocalMongoBackends.h2(file) : new H2Backend(file);
                };
                double bulk = run(backend.get(), this::bulk);
                double single = run(backend.get(), this::single);
                lines.add(String.format(Locale.ROOT, "%-26s round %d   bulk %,9.0f docs/s   single %,8.0f docs/s",
                        name, round, bulk, single));
            }
        }
        System.out.println("Local Mongo store, " + Runtime.getRuntime().availableProcessors() + " cores, bulk "
                + BULK_DOCS + " docs in batches of 1,000, single " + SINGLE_DOCS + " docs from " + CLIENTS + " clients:");
        lines.forEach(System.out::println);
    }

    private interface Load {
        int apply(MongoCollection<Document> docs) throws Exception;
    }

    private static double run(MongoBackend backend, Load load) throws Exception {
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 32);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> docs = client.getDatabase("bench").getCollection("interactions");
            docs.insertOne(new Document("_id", "warm-up"));
            long start = System.nanoTime();
            int written = load.apply(docs);
            return written / ((System.nanoTime() - start) / 1e9);
        } finally {
            server.shutdownNow();
        }
    }

    private int bulk(MongoCollection<Document> docs) {
        for (int from = 0; from < BULK_DOCS; from += 1000) {
            List<Document> batch = new ArrayList<>(1000);
            for (int i = from; i < from + 1000; i++) {
                batch.add(document("b" + i));
            }
            docs.insertMany(batch, new InsertManyOptions().ordered(false));
        }
        return BULK_DOCS;
    }

    private int single(MongoCollection<Document> docs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = client; i < SINGLE_DOCS; i += CLIENTS) {
                        docs.insertOne(document("s" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return SINGLE_DOCS;
    }

    private static Document document(String id) {
        return new Document("_id", id).append("ws", "ws-bench").append("customerId", "c-" + id.hashCode() % 5000)
                .append("journeyId", "jr_benchjourney01").append("touchpointId", "tp_benchtouchpt01")
                .append("channel", "web").append("outcome", "resolved").append("occurredAt", "2026-12-03T10:00:00Z");
    }
}
