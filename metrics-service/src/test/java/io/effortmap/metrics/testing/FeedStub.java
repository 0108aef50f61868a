package io.effortmap.metrics.testing;

import static io.restassured.RestAssured.given;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.bson.Document;

/**
 * Feeds responses through {@link UpstreamStubResource} and moves the response feed's saved cursor back, which makes
 * the ingestor deliver the pages after it again, exactly as after a crash between a page's writes and its cursor.
 */
public final class FeedStub {

    private static final String CURSOR = "survey-responses.v2";

    private final String stub;
    private final ReactiveMongoClient mongo;
    private final String database;

    public FeedStub(String stub, ReactiveMongoClient mongo, String database) {
        this.stub = stub;
        this.mongo = mongo;
        this.database = database;
    }

    /** Feeds one response of {@code workspace}, given on {@code day} and received now; answers its id. */
    public String respond(String workspace, LocalDate day, String... answers) {
        String id = UUID.randomUUID().toString();
        String event = """
                {"id":"%s","workspace":"%s","surveyId":"5a000000-0000-4000-8000-000000000001","journeyId":null,"touchpointId":null,"channel":"web",
                 "customerId":"c1","segments":{},"occurredAt":"%sT10:00:00Z","receivedAt":"%s","answers":[%s]}
                """.formatted(id, workspace, day, Instant.now(), String.join(",", answers));
        given().body(event).post(stub + "/stub/responses").then().statusCode(204);
        return id;
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public static String answer(String kind, int min, int max, String scoring, int score) {
        return """
                {"questionKey":"q-%s","kind":"%s","scaleMin":%d,"scaleMax":%d,"scoring":"%s","score":%d,"text":null}
                """.formatted(scoring.toLowerCase(), kind, min, max, scoring, score);
    }

    public static String ces(int score) {
        return answer("CES", 1, 7, "CES_AGREEMENT", score);
    }

    /** The saved response feed cursor; null before the first page. */
    public String cursor() {
        Document doc = mongo.getDatabase(database).getCollection("cursors").find(Filters.eq("_id", CURSOR))
                .collect().first().await().indefinitely();
        return doc == null ? null : doc.getString("cursor");
    }

    /** Sets the cursor back to {@code cursor} (null: the feed's start), so every later page is delivered again. */
    public void rewindTo(String cursor) {
        var cursors = mongo.getDatabase(database).getCollection("cursors");
        if (cursor == null) {
            cursors.deleteOne(Filters.eq("_id", CURSOR)).await().indefinitely();
        } else {
            cursors.updateOne(Filters.eq("_id", CURSOR), Updates.set("cursor", cursor)).await().indefinitely();
        }
    }
}
