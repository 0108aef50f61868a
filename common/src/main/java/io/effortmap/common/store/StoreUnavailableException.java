package io.effortmap.common.store;

import io.effortmap.common.problem.ProblemException;

/**
 * The store could not be reached or did not answer within its deadline: 503 with Retry-After. The request may or may
 * not have been applied, so clients retry it with the same keys (every write is idempotent on them).
 */
public class StoreUnavailableException extends ProblemException {

    public StoreUnavailableException(String detail, long retryAfterSeconds) {
        super(503, "Service Unavailable", detail, null, Long.toString(Math.max(1, retryAfterSeconds)));
    }
}
