package io.effortmap.survey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk ingestion through {@code POST /api/v1/responses/bulk} against PostgreSQL's own {@code COPY} of the same rows
 * into the same tables. Not part of the test suite (tag {@code bench}); run it with
 * {@code mvn -B -pl survey-service verify -Pbench} (options {@code -Dbench.responses=100000 -Dbench.clients=4}).
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class IngestionBenchmark {

    private static final String WS = "ws-bench";
    private static final int BATCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/responses/bulk")
    URL bulkUrl;

    @Test
    void bulkIngestionAgainstCopy() throws Exception {
        int total = Integer.getInteger("bench.responses", 100_000);
        int clients = Integer.getInteger("bench.clients", 4);
        String surveyId = Fixtures.activeSurvey(WS);
        Instant occurredAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        // Request bodies are built before the clock starts: the benchmark measures the service, not the client.
        List<byte[]> bodies = new ArrayList<>();
        for (int start = 0; start < total; start += BATCH) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = start; i < Math.min(total, start + BATCH); i++) {
                items.add(item(surveyId, i, occurredAt));
            }
            bodies.add(JSON.writeValueAsBytes(Map.of("items", items)));
        }
        warmUp(surveyId, occurredAt);

        String token = TestTokens.partner(WS);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long apiStart = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(bulkUrl.toURI())
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(2))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode result = JSON.readTree(response.body());
                    if (response.statusCode() != 200 || result.get("rejected").asInt() != 0) {
                        throw new IllegalStateException("Batch " + b + " failed: " + response.body());
                    }
                    accepted.addAndGet(result.get("accepted").asInt());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double apiSeconds = (System.nanoTime() - apiStart) / 1e9;
        pool.shutdown();
        assertThat(accepted.get()).isEqualTo(total);

        double copySeconds = copy(surveyId, total, occurredAt);
        assertThat(TestDb.count("select count(*) from response where idempotency_key like 'bench-%'")).isEqualTo(total);
        assertThat(TestDb.count("select count(*) from response where idempotency_key like 'copy-%'")).isEqualTo(total);

        double apiRate = total / apiSeconds;
        double copyRate = total / copySeconds;
        System.out.printf("%n== survey-service ingestion benchmark: %,d responses x 3 answers ==%n", total);
        System.out.printf("POST /api/v1/responses/bulk  %,d per request, %d clients: %6.2f s  %,10.0f responses/s%n",
                BATCH, clients, apiSeconds, apiRate);
        System.out.printf("PostgreSQL COPY (same rows, same tables):   %6.2f s  %,10.0f responses/s%n", copySeconds,
                copyRate);
        System.out.printf("API / COPY: %.1f %% (goal >= 25 %%)%n%n", 100 * apiRate / copyRate);
    }

    private static Map<String, Object> item(String surveyId, int n, Instant occurredAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("externalId", "bench-" + n);
        item.put("surveyId", surveyId);
        item.put("customerId", "customer-" + n);
        item.put("channel", "email");
        item.put("occurredAt", occurredAt.plusSeconds(n % 86_000).toString());
        item.put("segments", Map.of("region", n % 2 == 0 ? "EU" : "US"));
        item.put("answers", List.of(
                Map.of("questionKey", "ces", "score", 1 + n % 7),
                Map.of("questionKey", "csat", "score", 1 + n % 5),
                Map.of("questionKey", "comment", "text", "Comment number " + n)));
        return item;
    }

    /** A few small batches so that JIT compilation and pool connections are not charged to the measurement. */
    private void warmUp(String surveyId, Instant occurredAt) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < 5; round++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Map<String, Object> item = item(surveyId, i, occurredAt);
                item.put("externalId", "warm-" + round + "-" + i);
                items.add(item);
            }
            http.send(HttpRequest.newBuilder(bulkUrl.toURI())
                    .header("Authorization", "Bearer " + TestTokens.partner(WS))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("items", items))))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * The physical baseline: the same responses (fresh ids and keys) and their answers through {@code COPY ... FROM
     * STDIN} in one transaction, with the same column defaults (tx_id, seq, received_at) and indexes in place.
     * Text generation happens before the clock starts.
     */
    private static double copy(String surveyId, int total, Instant occurredAt) throws Exception {
        StringBuilder responses = new StringBuilder();
        StringBuilder answers = new StringBuilder();
        for (int n = 0; n < total; n++) {
            UUID id = UUID.randomUUID();
            responses.append(id).append('\t').append(WS).append('\t').append(surveyId).append("\tjourney-1\ttp-copy\t")
                    .append("customer-").append(n).append("\temail\t{\"region\": \"").append(n % 2 == 0 ? "EU" : "US")
                    .append("\"}\t").append(occurredAt.plusSeconds(n % 86_000)).append("\tbench-copy\tcopy-").append(n)
                    .append('\t').append(String.format("%064x", n)).append("\t\\N\n");
            answers.append(id).append("\t0\tces\tCES\t1\t7\tCES_AGREEMENT\t").append(1 + n % 7).append("\t\\N\n");
            answers.append(id).append("\t1\tcsat\tCSAT\t1\t7\tCSAT\t").append(1 + n % 5).append("\t\\N\n");
            answers.append(id).append("\t3\tcomment\tCOMMENT\t\\N\t\\N\tTEXT\t\\N\tComment number ").append(n)
                    .append('\n');
        }
        try (Connection c = TestDb.connect()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            copy.copyIn("COPY response (id, workspace, survey_id, journey_id, touchpoint_id, customer_id, channel,"
                    + " segments, occurred_at, source, idempotency_key, request_hash, interaction_id) FROM STDIN",
                    new StringReader(responses.toString()));
            copy.copyIn("COPY response_answer (response_id, position, question_key, kind, scale_min, scale_max,"
                    + " scoring, score, text) FROM STDIN", new StringReader(answers.toString()));
            c.commit();
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
