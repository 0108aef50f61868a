package io.effortmap.journey.bench;

import static io.effortmap.journey.support.TestData.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Ingestion throughput through the HTTP bulk endpoint against a raw driver insertMany of the same documents into the
 * same store (mongo-java-server, in memory), plus all N lines as one streamed NDJSON request. Not part of the test suite (the class name matches no surefire pattern);
 * run it with {@code mvn -pl journey-service -Pbench verify} (options: -Dbench.interactions, -Dbench.clients).
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class IngestionBenchmark {

    static final int BATCH = 1000;

    @TestHTTPResource("/api/v1/interactions")
    URI interactionsUri;

    @Inject
    MongoClient mongo;

    @Inject
    ObjectMapper objectMapper;

    @Test
    void ingestionThroughHttpComparedWithRawInsertMany() throws Exception {
        int total = Integer.getInteger("bench.interactions", 100_000);
        int clients = Integer.getInteger("bench.clients", 4);
        String ws = TestData.workspace();
        JsonPath journey = TestData.createJourney(ws, TestTokens.admin(ws));
        String journeyId = journey.getString("id");
        List<String> touchpoints = journey.getList("stages.touchpoints.flatten().id", String.class);

        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int start = 0; start < total; start += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(total, start + BATCH); i++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("externalId", "bench-" + i);
                item.put("customerId", "customer-" + (i % 5000));
                item.put("journeyId", journeyId);
                item.put("touchpointId", touchpoints.get(i % touchpoints.size()));
                item.put("channel", "web");
                item.put("occurredAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString());
                item.put("outcome", i % 7 == 0 ? "unresolved" : "resolved");
                item.put("durationSeconds", 30 + i % 600);
                item.put("segments", Map.of("region", i % 2 == 0 ? "EU" : "US", "plan", "gold"));
                batch.add(item);
            }
            batches.add(batch);
        }
        List<byte[]> bodies = new ArrayList<>();
        for (List<Map<String, Object>> batch : batches) {
            bodies.add(objectMapper.writeValueAsBytes(batch));
        }

        String partner = TestTokens.partner(ws);
        HttpClient http = HttpClient.newHttpClient();
        // Warm-up outside the measurement: JIT, connection pools, index creation.
        post(http, partner, objectMapper.writeValueAsBytes(List.of(Map.of("externalId", "warm-up", "customerId", "w",
                "journeyId", journeyId, "touchpointId", touchpoints.getFirst(), "occurredAt", "2026-01-01T00:00:00Z",
                "outcome", "resolved"))));

        AtomicInteger accepted = new AtomicInteger();
        long httpNanos = timed(clients, bodies.size(), i -> {
            HttpResponse<String> response = post(http, partner, bodies.get(i));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            accepted.addAndGet(objectMapper.readTree(response.body()).get("accepted").asInt());
        });
        assertThat(accepted.get()).isEqualTo(total);

        // Baseline: the same documents, as the service stores them, with the same unique indexes, same batches.
        MongoCollection<Document> raw = mongo.getDatabase("effortmap_journey_bench").getCollection("interactions_raw");
        raw.drop();
        raw.createIndex(Indexes.ascending("workspace", "source", "externalId"), new IndexOptions().unique(true));
        raw.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
        List<List<Document>> docs = new ArrayList<>();
        long seq = 0;
        for (List<Map<String, Object>> batch : batches) {
            List<Document> converted = new ArrayList<>();
            for (Map<String, Object> item : batch) {
                Document d = new Document("_id", "ix_" + item.get("externalId")).append("seq", ++seq).append("gap", false)
                        .append("workspace", ws).append("source", "crm-" + ws);
                item.forEach((k, v) -> d.append(k, k.equals("occurredAt") ? Date.from(Instant.parse((String) v)) : v));
                d.append("stageId", "st_x").append("receivedAt", new Date());
                converted.add(d);
            }
            docs.add(converted);
        }
        long rawNanos = timed(clients, docs.size(), i -> raw.insertMany(docs.get(i), new InsertManyOptions().ordered(false)));
        assertThat(raw.countDocuments()).isEqualTo(total);

        // One NDJSON request carrying all N lines (another workspace, so nothing is a duplicate), generated while it is
        // sent and its result lines counted while they arrive: neither side holds the whole body.
        String ndjsonWs = TestData.workspace();
        JsonPath ndjsonJourney = TestData.createJourney(ndjsonWs, TestTokens.admin(ndjsonWs));
        String ndjsonJourneyId = ndjsonJourney.getString("id");
        List<String> ndjsonTouchpoints = ndjsonJourney.getList("stages.touchpoints.flatten().id", String.class);
        AtomicInteger ndjsonAccepted = new AtomicInteger();
        long ndjsonStart = System.nanoTime();
        HttpResponse<Stream<String>> streamed = http.send(HttpRequest.newBuilder(interactionsUri)
                .header("Authorization", bearer(TestTokens.partner(ndjsonWs)))
                .header("Content-Type", "application/x-ndjson").header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> ndjson(total, i -> {
                    Map<String, Object> item = new LinkedHashMap<>(batches.get(i / BATCH).get(i % BATCH));
                    item.put("journeyId", ndjsonJourneyId);
                    item.put("touchpointId", ndjsonTouchpoints.get(i % ndjsonTouchpoints.size()));
                    return item;
                })))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(streamed.statusCode()).isEqualTo(200);
        streamed.body().forEach(line -> {
            if (line.contains("\"status\":\"accepted\"")) {
                ndjsonAccepted.incrementAndGet();
            }
        });
        long ndjsonNanos = System.nanoTime() - ndjsonStart;
        assertThat(ndjsonAccepted.get()).isEqualTo(total);

        double httpRate = total / (httpNanos / 1e9);
        double ndjsonRate = total / (ndjsonNanos / 1e9);
        double rawRate = total / (rawNanos / 1e9);
        String report = String.format("""
                journey-service ingestion benchmark (mongo-java-server, in-memory backend)
                  interactions: %,d in batches of %,d, %d concurrent clients
                  HTTP POST /api/v1/interactions : %8.1f s  %,10.0f interactions/s
                  raw driver insertMany          : %8.1f s  %,10.0f interactions/s
                  ratio HTTP / raw               : %8.2f
                  (extra) one NDJSON request, 1 client: %8.1f s  %,10.0f interactions/s
                """, total, BATCH, clients, httpNanos / 1e9, httpRate, rawNanos / 1e9, rawRate, httpRate / rawRate,
                ndjsonNanos / 1e9, ndjsonRate);
        System.out.println(report);
        Files.writeString(Path.of("target", "ingestion-benchmark.txt"), report, StandardCharsets.UTF_8);
    }

    /** A body of {@code count} NDJSON lines, each serialized only when the sender reaches it. */
    private InputStream ndjson(int count, IntFunction<Map<String, Object>> item) {
        AtomicInteger next = new AtomicInteger();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.get() < count;
            }

            @Override
            public InputStream nextElement() {
                try {
                    return new ByteArrayInputStream((objectMapper.writeValueAsString(item.apply(next.getAndIncrement())) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private HttpResponse<String> post(HttpClient http, String token, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(interactionsUri).header("Authorization", bearer(token))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    interface Step {
        void run(int index) throws Exception;
    }

    /** Runs steps 0..count-1 on {@code clients} threads, each taking the next step when done; returns the wall time. */
    private static long timed(int clients, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }
}
