package io.effortmap.metrics.testing;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.GenerationRepository;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Reads a generation's stored buckets raw and flattens each into one document per scale entry (key fields, the
 * scale and its scoring/min/max, the entry's sums, the bucket's position), the shape the brute-force checks compare.
 */
public final class StoredBuckets {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SCALE = Pattern.compile("(.+):(-?\\d+)-(-?\\d+)");

    private StoredBuckets() {
    }

    public static AggregateRepository repository(ReactiveMongoClient client, String database) {
        return new AggregateRepository(client, database, new GenerationRepository(client, database));
    }

    public static List<Document> raw(ReactiveMongoClient client, String database, int generation) {
        return client.getDatabase(database).getCollection(AggregateRepository.collectionName(generation)).find()
                .collect().asList().await().atMost(WAIT);
    }

    public static List<Document> flattened(ReactiveMongoClient client, String database) {
        return flattened(client, database, 1);
    }

    public static List<Document> flattened(ReactiveMongoClient client, String database, int generation) {
        List<Document> out = new ArrayList<>();
        for (Document doc : raw(client, database, generation)) {
            Document scales = doc.get("s", Document.class);
            scales.forEach((scale, value) -> {
                Document flat = new Document(doc);
                flat.remove("s");
                flat.append("scale", scale);
                Matcher m = SCALE.matcher(scale);
                if (m.matches()) {
                    flat.append("scoring", m.group(1)).append("scaleMin", Integer.parseInt(m.group(2)))
                            .append("scaleMax", Integer.parseInt(m.group(3)));
                }
                flat.putAll((Document) value);
                out.add(flat);
            });
        }
        return out;
    }
}
