package io.effortmap.journey.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import io.effortmap.common.store.StoreFailures;

/**
 * Classifies driver failures: duplicate keys are expected outcomes; an unreachable database is a 503 through the
 * translation every service shares ({@link StoreFailures}).
 */
public final class MongoErrors {

    public static final int DUPLICATE_KEY = 11000;

    private MongoErrors() {
    }

    public static boolean isDuplicateKey(Throwable t) {
        if (t instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (t instanceof MongoBulkWriteException b) {
            return !b.getWriteErrors().isEmpty()
                    && b.getWriteErrors().stream().allMatch(e -> e.getCode() == DUPLICATE_KEY);
        }
        return false;
    }

    /** Maps an unreachable database to 503 with Retry-After; anything else is left to the generic 500 mapper. */
    public static Throwable translate(Throwable t) {
        return StoreFailures.translate(t);
    }
}
