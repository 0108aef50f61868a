package io.effortmap.metrics.cohort.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ISO weeks and calendar months in which each customer interacted on each journey, and the days on which they did in each stage
 * (collection {@code customerActivity}). Writes are {@code $addToSet}, idempotent and order-independent, so replays
 * and late interactions need no position check; a customer's cohort is the earliest week in the set, and the stages
 * they reached in a period are decided at query time.
 */
@ApplicationScoped
public class CustomerActivityRepository {

    /** Stage ids become field names, so only journey-service's id shape is kept (others are not stage-tracked). */
    public static final java.util.regex.Pattern STAGE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String STAGES = "stageDays";

    private final ReactiveMongoCollection<Document> activity;

    CustomerActivityRepository(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.activity = mongo.getDatabase(database).getCollection("customerActivity");
    }

    void createIndexes(@Observes StartupEvent event) {
        activity.createIndex(Indexes.ascending("ws", "journeyId")).subscribe().with(name -> { }, failure -> { });
    }

    /** Weeks (their Monday) and months (their first day) in which a customer interacted on a journey, and the days per stage id. */
    public record Activity(String workspace, String journeyId, String customerId, Set<LocalDate> weeks,
            Set<LocalDate> months, Map<String, Set<LocalDate>> stageDays) {
    }

    public Uni<Void> record(List<Activity> activities) {
        if (activities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Activity a : activities) {
            String id = String.join("|", a.workspace().replace("|", "%7C"), a.journeyId().replace("|", "%7C"),
                    a.customerId());
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.addEachToSet("weeks", a.weeks().stream().map(LocalDate::toString).toList()));
            updates.add(Updates.addEachToSet("months", a.months().stream().map(LocalDate::toString).toList()));
            a.stageDays().forEach((stage, days) -> updates.add(
                    Updates.addEachToSet(STAGES + "." + stage, days.stream().map(LocalDate::toString).toList())));
            updates.add(Updates.setOnInsert(new Document("ws", a.workspace()).append("journeyId", a.journeyId())));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(updates),
                    new UpdateOptions().upsert(true)));
        }
        return activity.bulkWrite(writes).replaceWithVoid();
    }

    /** Per customer of the journey: the days on which they interacted in each stage. */
    public Uni<List<Map<String, Set<LocalDate>>>> stageDays(String workspace, String journeyId) {
        return activity.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("journeyId", journeyId)),
                        new FindOptions().projection(Projections.include(STAGES)))
                .map(doc -> {
                    Map<String, Set<LocalDate>> days = new HashMap<>();
                    Document stages = doc.get(STAGES, Document.class);
                    if (stages != null) {
                        stages.forEach((stage, list) -> days.put(stage, new TreeSet<>(((List<?>) list).stream()
                                .map(day -> LocalDate.parse(day.toString())).toList())));
                    }
                    return days;
                })
                .collect().asList();
    }

    /**
     * The active weeks ({@code monthly} false) or months of every customer of the journey. Months are recorded since
     * monthly cohorts exist; a customer seen only before has no months and is left out of monthly cohorts.
     */
    public Uni<List<Set<LocalDate>>> activePeriods(String workspace, String journeyId, boolean monthly) {
        String field = monthly ? "months" : "weeks";
        return activity.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("journeyId", journeyId)),
                        new FindOptions().projection(Projections.include(field)))
                .map(doc -> (Set<LocalDate>) new TreeSet<>(doc.getList(field, String.class, List.of()).stream()
                        .map(LocalDate::parse).toList()))
                .filter(periods -> !periods.isEmpty())
                .collect().asList();
    }
}
