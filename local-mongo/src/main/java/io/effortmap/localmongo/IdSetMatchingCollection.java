package io.effortmap.localmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the candidates of {@code {_id: {$in: [strings]}}} against a set instead of the list. mongo-java-server finds
 * the candidates through the {@code _id} index but then compares each against every listed id, so a read of n buckets
 * by id cost n² string comparisons (4.5 million for a year's scorecard); MongoDB itself looks the values up. Only that
 * exact query shape with string ids takes this path; everything else is matched by the store as before.
 */
final class IdSetMatchingCollection extends MemoryCollection {

    /** The set of the query being matched, built once per query rather than per candidate. */
    private final ThreadLocal<Object[]> lastQuery = new ThreadLocal<>();

    IdSetMatchingCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
        super(database, name, options, cursors);
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        Set<String> ids = stringIdsIn(query);
        if (ids == null || !(document.get("_id") instanceof String id)) {
            return super.documentMatchesQuery(document, query);
        }
        return ids.contains(id);
    }

    @SuppressWarnings("unchecked")
    private Set<String> stringIdsIn(Document query) {
        Object[] last = lastQuery.get();
        if (last != null && last[0] == query) {
            return (Set<String>) last[1];
        }
        Set<String> ids = null;
        if (query.size() == 1 && query.get("_id") instanceof Document condition && condition.size() == 1
                && condition.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(String.class::isInstance)) {
            ids = new HashSet<>((Collection<String>) values);
        }
        lastQuery.set(new Object[] {query, ids});
        return ids;
    }
}
