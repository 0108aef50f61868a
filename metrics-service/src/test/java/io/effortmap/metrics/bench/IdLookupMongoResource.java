package io.effortmap.metrics.bench;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * test-support's in-memory MongoDB (mongo-java-server, memory backend) with one difference: a query that pins
 * {@code _id} to one value inside an {@code $and} — {@code {$and: [{_id: x}, {pos: p}]}}, the filter of every
 * conditional bucket write — is answered from the {@code _id} index, as MongoDB itself does. mongo-java-server uses an
 * index only when the query's top-level fields equal the index's fields, so each of those writes would otherwise scan
 * the whole collection and loading a year of buckets would be quadratic (hours even for 20,000 responses). The result
 * of every query is unchanged (the full filter is still applied to the candidate found by {@code _id}); all other
 * queries, in particular the metric reads, still scan as they do in the test suite.
 */
public class IdLookupMongoResource implements QuarkusTestResourceLifecycleManager {

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new Backend());
        InetSocketAddress address = server.bind();
        return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + address.getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    static class Backend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new Database(databaseName, getCursorRegistry());
        }
    }

    static class Database extends MemoryDatabase {
        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            return new Collection(this, name, options, cursorRegistry);
        }
    }

    static class Collection extends MemoryCollection {
        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            Object id = pinnedId(query);
            if (id != null) {
                Document byId = new Document("_id", id);
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /** The value of an {@code _id} equality that is one clause of a top-level {@code $and}, else null. */
        private static Object pinnedId(Document query) {
            if (query.size() != 1 || !(query.get("$and") instanceof List<?> clauses)) {
                return null;
            }
            for (Object clause : clauses) {
                if (clause instanceof Document d && d.size() == 1 && d.containsKey("_id")
                        && !(d.get("_id") instanceof Document) && !(d.get("_id") instanceof List)) {
                    return d.get("_id");
                }
            }
            return null;
        }
    }
}
