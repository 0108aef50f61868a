package io.effortmap.metrics.aggregate.repository;

/** A bucket was not at the position we read: another writer got there first. The page is simply read again. */
public class ConcurrentApplyException extends RuntimeException {

    public ConcurrentApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
