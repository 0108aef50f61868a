package io.effortmap.metrics.aggregate.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
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
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pre-aggregated buckets, one collection per generation ({@code buckets_g1}, ...; see {@link GenerationRepository}).
 * Each bucket remembers the feed position it has absorbed; every write is conditional on that position, which makes
 * re-applying a page after a crash, or by a second replica, a no-op. Every metric query reads these buckets, never raw
 * responses, and only by {@code _id}: readers compute the ids of the buckets they need (scope, slice, metric,
 * period), which is a point lookup in any MongoDB and needs no secondary index.
 */
@ApplicationScoped
public class AggregateRepository {

    static final String POSITION = "pos";
    /** Ids per query, so a five-year daily read of a large stage stays well below MongoDB's message size. */
    private static final int IDS_PER_QUERY = 2000;
    /** What the mappers read: a scorecard decodes thousands of buckets, so their key fields stay in the store. */
    private static final Bson FIGURE_FIELDS = Projections.include("sid", "metric", "period", AggregateMapper.SCALES);

    private final ReactiveMongoDatabase database;
    private final GenerationRepository generations;

    @Inject
    public AggregateRepository(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, GenerationRepository generations) {
        this.database = mongo.getDatabase(database);
        this.generations = generations;
    }

    public static String collectionName(int generation) {
        return "buckets_g" + generation;
    }

    private ReactiveMongoCollection<Document> buckets(int generation) {
        return database.getCollection(collectionName(generation));
    }

    /** Drops a generation's copy; used once a rebuilt generation has replaced it. */
    public Uni<Void> drop(int generation) {
        return buckets(generation).drop();
    }

    public Uni<Map<String, String>> appliedPositions(int generation, List<AggregateKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = keys.stream().map(AggregateKey::id).distinct().toList();
        return buckets(generation).find(Filters.in("_id", ids),
                        new FindOptions().projection(Projections.include(POSITION)))
                .collect().asMap(doc -> doc.getString("_id"), doc -> doc.getString(POSITION));
    }

    /** Applies every delta or fails with {@link ConcurrentApplyException}; partial application is safe to retry. */
    public Uni<Void> apply(int generation, Collection<AggregateDelta> deltas, Map<String, String> applied) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(deltas.size());
        for (AggregateDelta delta : deltas) {
            AggregateKey key = delta.key();
            String previous = applied.get(key.id());
            // null also matches a bucket without pos, i.e. none: the upsert then collides with an existing _id.
            Bson filter = Filters.and(Filters.eq("_id", key.id()), Filters.eq(POSITION, previous));
            List<Bson> updates = new ArrayList<>();
            delta.scales().forEach((scale, increments) -> increments.forEach((field, amount) ->
                    updates.add(Updates.inc(AggregateMapper.SCALES + "." + scale + "." + field, amount))));
            updates.add(Updates.set(POSITION, delta.position()));
            if (previous == null) {
                updates.add(Updates.setOnInsert(AggregateMapper.keyFields(key)));
            }
            writes.add(new UpdateOneModel<>(filter, Updates.combine(updates), new UpdateOptions().upsert(previous == null)));
        }
        int expected = writes.size();
        return buckets(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false))
                .onFailure(MongoBulkWriteException.class)
                .transform(e -> new ConcurrentApplyException("Another writer changed buckets of this page", e))
                .invoke(result -> {
                    if (result.getMatchedCount() + result.getUpserts().size() != expected) {
                        throw new ConcurrentApplyException("Another writer changed buckets of this page", null);
                    }
                })
                .replaceWithVoid();
    }

    /** Metric buckets (every scale) of the given scopes and slice, periods {@code from..to} inclusive. */
    public Uni<List<MetricBucket>> metrics(String workspace, Scope scope, Collection<String> scopeIds, String slice,
            Collection<String> metrics, Granularity granularity, LocalDate from, LocalDate to) {
        List<String> ids = new ArrayList<>();
        addIds(ids, workspace, scope, scopeIds, slice, metrics, granularity, from, to);
        return read(ids, AggregateMapper::metric);
    }

    /** Metric buckets covering exactly the days of {@code range}, read as whole months plus edge days. */
    public Uni<List<MetricBucket>> metrics(String workspace, Scope scope, Collection<String> scopeIds, String slice,
            Collection<String> metrics, PeriodRange range) {
        List<String> ids = new ArrayList<>();
        for (PeriodRange.Segment segment : range.cover()) {
            addIds(ids, workspace, scope, scopeIds, slice, metrics, segment.granularity(), segment.from(), segment.to());
        }
        return read(ids, AggregateMapper::metric);
    }

    /** Daily pair buckets ({@code CES_CSAT} or {@code CES_NPS}) of the given scopes, days {@code from..to}. */
    public Uni<List<PairBucket>> pairs(String workspace, Scope scope, Collection<String> scopeIds, String pair,
            LocalDate from, LocalDate to) {
        List<String> ids = new ArrayList<>();
        addIds(ids, workspace, scope, scopeIds, AggregateKey.ALL, List.of(pair), Granularity.DAY, from, to);
        return read(ids, AggregateMapper::pair);
    }

    /** Interaction buckets ({@code INTERACTIONS}) of the given scopes, periods {@code from..to} inclusive. */
    public Uni<List<InteractionBucket>> interactions(String workspace, Scope scope, Collection<String> scopeIds,
            Granularity granularity, LocalDate from, LocalDate to) {
        List<String> ids = new ArrayList<>();
        addIds(ids, workspace, scope, scopeIds, AggregateKey.ALL, List.of(InteractionPlanner.METRIC), granularity,
                from, to);
        return read(ids, AggregateMapper::interaction);
    }

    private static void addIds(List<String> ids, String workspace, Scope scope, Collection<String> scopeIds,
            String slice, Collection<String> metrics, Granularity granularity, LocalDate from, LocalDate to) {
        for (LocalDate period = granularity.start(from); !period.isAfter(to); period = granularity.next(period)) {
            for (String scopeId : scopeIds) {
                for (String metric : metrics) {
                    ids.add(AggregateKey.id(workspace, scope, scopeId, slice, metric, granularity, period));
                }
            }
        }
    }

    /** Reads the buckets with these ids from the active generation; absent ids simply have no data. */
    private <T> Uni<List<T>> read(List<String> ids, Function<Document, List<T>> mapper) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
        }
        return generations.active().chain(generation -> Multi.createFrom().iterable(chunks)
                .onItem().transformToMultiAndMerge(chunk -> buckets(generation).find(Filters.in("_id", chunk),
                        new FindOptions().projection(FIGURE_FIELDS)))
                .onItem().transformToIterable(mapper)
                .collect().asList());
    }
}
