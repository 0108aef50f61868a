package io.effortmap.metrics.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;

public final class MongoErrors {

    private MongoErrors() {
    }

    public static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoException m
                && (ErrorCategory.fromErrorCode(m.getCode()) == ErrorCategory.DUPLICATE_KEY || m.getCode() == 11000);
    }
}
