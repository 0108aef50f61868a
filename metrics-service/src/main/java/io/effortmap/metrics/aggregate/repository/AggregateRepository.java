package io.effortmap.metrics.aggregate.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.InteractionPlanner;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pre-aggregated buckets (collection {@code aggregates}). Each bucket remembers the feed position it has absorbed;
 * every write is conditional on that position, which makes re-applying a page after a crash, or by a second
 * replica, a no-op. Every metric query reads these buckets, never raw responses.
 */
@ApplicationScoped
public class AggregateRepository {

    static final String POSITION = "pos";

    private final ReactiveMongoCollection<Document> aggregates;

    @Inject
    public AggregateRepository(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.aggregates = mongo.getDatabase(database).getCollection("aggregates");
    }

    void createIndexes(@Observes StartupEvent event) {
        aggregates.createIndex(Indexes.ascending("ws", "scope", "sid", "slice", "gran", "metric", "period"))
                .subscribe().with(name -> { }, failure -> { });
        aggregates.createIndex(Indexes.ascending("ws", "scope", "journeyId", "slice", "gran", "period"))
                .subscribe().with(name -> { }, failure -> { });
    }

    public Uni<Map<String, String>> appliedPositions(List<AggregateKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = keys.stream().map(AggregateKey::id).toList();
        return aggregates.find(Filters.in("_id", ids), new FindOptions().projection(Projections.include(POSITION)))
                .collect().asMap(doc -> doc.getString("_id"), doc -> doc.getString(POSITION));
    }

    /** Applies every delta or fails with {@link ConcurrentApplyException}; partial application is safe to retry. */
    public Uni<Void> apply(Collection<AggregateDelta> deltas, Map<String, String> applied) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(deltas.size());
        for (AggregateDelta delta : deltas) {
            AggregateKey key = delta.key();
            String previous = applied.get(key.id());
            Bson filter = previous == null
                    ? Filters.and(Filters.eq("_id", key.id()), Filters.exists(POSITION, false))
                    : Filters.and(Filters.eq("_id", key.id()), Filters.eq(POSITION, previous));
            List<Bson> updates = new ArrayList<>();
            delta.increments().forEach((field, amount) -> updates.add(Updates.inc(field, amount)));
            updates.add(Updates.set(POSITION, delta.position()));
            if (previous == null) {
                updates.add(Updates.setOnInsert(AggregateMapper.keyFields(key)));
            }
            writes.add(new UpdateOneModel<>(filter, Updates.combine(updates), new UpdateOptions().upsert(previous == null)));
        }
        int expected = writes.size();
        return aggregates.bulkWrite(writes, new BulkWriteOptions().ordered(false))
                .onFailure(MongoBulkWriteException.class)
                .transform(e -> new ConcurrentApplyException("Another writer changed buckets of this page", e))
                .invoke(result -> {
                    if (result.getMatchedCount() + result.getUpserts().size() != expected) {
                        throw new ConcurrentApplyException("Another writer changed buckets of this page", null);
                    }
                })
                .replaceWithVoid();
    }

    /** Metric buckets of the given scopes and slice, periods {@code from..to} inclusive (period start days). */
    public Uni<List<MetricBucket>> metrics(String workspace, Scope scope, Collection<String> scopeIds, String slice,
            Collection<String> metrics, Granularity granularity, LocalDate from, LocalDate to) {
        return find(workspace, scope, scopeIds, slice, metrics, granularity, from, to)
                .map(docs -> docs.stream().map(AggregateMapper::metric).toList());
    }

    /** Metric buckets covering exactly the days of {@code range}, read as whole months plus edge days. */
    public Uni<List<MetricBucket>> metrics(String workspace, Scope scope, Collection<String> scopeIds, String slice,
            Collection<String> metrics, PeriodRange range) {
        if (scopeIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Bson> segments = range.cover().stream().map(segment -> Filters.and(
                Filters.eq("gran", segment.granularity().value()),
                Filters.gte("period", segment.from().toString()),
                Filters.lte("period", segment.to().toString()))).toList();
        return aggregates.find(Filters.and(
                        Filters.eq("ws", workspace),
                        Filters.eq("scope", scope.value()),
                        Filters.in("sid", scopeIds),
                        Filters.eq("slice", slice),
                        Filters.in("metric", metrics),
                        Filters.or(segments)))
                .collect().asList()
                .map(docs -> docs.stream().map(AggregateMapper::metric).toList());
    }

    /** Daily pair buckets ({@code CES_CSAT} or {@code CES_NPS}) of the given scopes, days {@code from..to}. */
    public Uni<List<PairBucket>> pairs(String workspace, Scope scope, Collection<String> scopeIds, String pair,
            LocalDate from, LocalDate to) {
        return find(workspace, scope, scopeIds, AggregateKey.ALL, List.of(pair), Granularity.DAY, from, to)
                .map(docs -> docs.stream().map(AggregateMapper::pair).toList());
    }

    /** Interaction buckets ({@code INTERACTIONS}) of the given scopes, periods {@code from..to} inclusive. */
    public Uni<List<InteractionBucket>> interactions(String workspace, Scope scope, Collection<String> scopeIds,
            Granularity granularity, LocalDate from, LocalDate to) {
        return find(workspace, scope, scopeIds, AggregateKey.ALL, List.of(InteractionPlanner.METRIC), granularity, from, to)
                .map(docs -> docs.stream().map(AggregateMapper::interaction).toList());
    }

    private Uni<List<Document>> find(String workspace, Scope scope, Collection<String> scopeIds, String slice,
            Collection<String> metrics, Granularity granularity, LocalDate from, LocalDate to) {
        if (scopeIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return aggregates.find(Filters.and(
                        Filters.eq("ws", workspace),
                        Filters.eq("scope", scope.value()),
                        Filters.in("sid", scopeIds),
                        Filters.eq("slice", slice),
                        Filters.eq("gran", granularity.value()),
                        Filters.in("metric", metrics),
                        Filters.gte("period", from.toString()),
                        Filters.lte("period", to.toString())))
                .collect().asList();
    }
}
