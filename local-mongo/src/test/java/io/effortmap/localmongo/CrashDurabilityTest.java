package io.effortmap.localmongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store in its own process, killed with SIGKILL right after the last write was acknowledged: reopened, it
 * holds every acknowledged insert and update. Several clients write at once, so commits are shared.
 */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    /** Serves {@link LocalMongoBackends#h2} on a free port and prints the port; the test kills it. */
    public static final class StoreProcess {
        public static void main(String[] args) throws Exception {
            MongoServer server = new MongoServer(LocalMongoBackends.h2(args[0]));
            System.out.println("port " + server.bind().getPort());
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheStoreProcess() throws Exception {
        String file = dir.resolve("store.mv").toString();
        Process store = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreProcess.class.getName(), file)
                .redirectErrorStream(true).start();
        int port;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("port ")) {
                // the store's own log lines
            }
            assertThat(line).as("store process started").isNotNull();
            port = Integer.parseInt(line.substring(5).trim());
        } catch (Exception e) {
            store.destroyForcibly();
            throw e;
        }

        int clients = 4;
        int perClient = 100;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> writers = new ArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> docs = client.getDatabase("d").getCollection("docs");
            docs.insertOne(new Document("_id", "counter").append("n", 0));
            for (int c = 0; c < clients; c++) {
                int writer = c;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        docs.insertOne(new Document("_id", writer + "-" + i).append("writer", writer));
                        docs.updateOne(Filters.eq("_id", "counter"), Updates.inc("n", 1));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(2, TimeUnit.MINUTES);
            }
            // Every write above was acknowledged: the store dies now, before its once-a-second background commit.
            store.destroyForcibly();
            store.waitFor(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            store.destroyForcibly();
        }

        MongoServer reopened = new MongoServer(LocalMongoBackends.h2(file));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + reopened.bind().getPort())) {
            MongoCollection<Document> docs = client.getDatabase("d").getCollection("docs");
            assertThat(docs.countDocuments(Filters.exists("writer"))).isEqualTo((long) clients * perClient);
            assertThat(docs.find(Filters.eq("_id", "counter")).first()).containsEntry("n", clients * perClient);
        } finally {
            reopened.shutdownNow();
        }
    }
}
