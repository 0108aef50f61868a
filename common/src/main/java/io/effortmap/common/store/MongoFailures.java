package io.effortmap.common.store;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInternalException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/** MongoDB driver failures that mean "unavailable"; loaded only when the driver is present (see StoreFailures). */
final class MongoFailures {

    private MongoFailures() {
    }

    static boolean isUnavailable(Throwable t) {
        return t instanceof MongoTimeoutException // no server selected, or no pooled connection in time
                || t instanceof MongoOperationTimeoutException // the client-side operation deadline (timeoutMS)
                || t instanceof MongoExecutionTimeoutException // the server stopped the operation at maxTimeMS
                || t instanceof MongoSocketException // refused, reset, closed, read timeout
                || t instanceof MongoConnectionPoolClearedException
                || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException
                // The driver's wrapper for a non-driver failure while writing to a connection, e.g. netty's pipeline
                // on a channel the server closed under it (seen when the store dies mid-request).
                || t instanceof MongoInternalException && t.getCause() != null
                        && !(t.getCause() instanceof MongoException);
    }
}
