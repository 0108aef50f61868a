package io.effortmap.localmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * Lets mongo-java-server find the candidates of a query that has an {@code _id} equality next to other conditions
 * (such as the services' conditional writes {@code {_id: x, pos: p}}, which the Java driver sends as
 * {@code {$and: [{_id: x}, {pos: p}]}}) through the {@code _id} index. The store uses an
 * index only when a query's fields are exactly the index's, so these queries would otherwise scan the whole
 * collection; the store still checks every candidate against the whole query, so results are unchanged. It holds no
 * data of its own.
 */
final class IdLookupIndex<P> extends Index<P> {

    private static final String ID_INDEX = "_id_";

    private final MongoCollection<P> collection;

    IdLookupIndex(MongoCollection<P> collection) {
        // Sparse: it holds no positions, and the store accepts "none" from a sparse index when a document is removed.
        super("_id_lookup_", List.of(new IndexKey("_id", true)), true);
        this.collection = collection;
    }

    @Override
    public boolean canHandle(Document query) {
        return (query.size() > 1 || query.containsKey("$and")) && idOf(query) != null && idIndex() != null;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return idIndex().getPositions(new Document("_id", idOf(query)));
    }

    /** The plain {@code _id} value the query requires, at its top level or in a top-level {@code $and}; else null. */
    private static Object idOf(Document query) {
        Object id = query.get("_id");
        if (id != null && !(id instanceof Document)) {
            return id;
        }
        if (query.get("$and") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Document d && d.size() == 1 && d.get("_id") != null
                        && !(d.get("_id") instanceof Document)) {
                    return d.get("_id");
                }
            }
        }
        return null;
    }

    private Index<P> idIndex() {
        return collection.getIndexes().stream().filter(i -> ID_INDEX.equals(i.getName())).findFirst().orElse(null);
    }

    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> target) {
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> target) {
    }

    @Override
    public P remove(Document document) {
        return null;
    }

    @Override
    public long getCount() {
        return 0;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> target) {
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> target) {
    }

    @Override
    public void drop() {
    }
}
