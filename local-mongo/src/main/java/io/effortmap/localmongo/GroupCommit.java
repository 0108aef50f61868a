package io.effortmap.localmongo;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * Makes what a command changed durable before its answer leaves: the store is committed (written to its file) and
 * the file forced to disk. Commands answered at the same moment share one commit and one fsync: a caller that finds a
 * commit in progress waits for it and, if that commit began before the caller's changes were made, for the next one.
 */
final class GroupCommit {

    private final MVStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    /** Tickets handed out: one per caller, taken after its changes were made. */
    private long issued;
    /** Every ticket up to this one is on disk. */
    private long durable;
    private boolean committing;

    GroupCommit(MVStore store) {
        this.store = store;
    }

    /** Returns once every change made before the call is on disk; a failure to write is thrown to the caller. */
    void awaitDurable() {
        lock.lock();
        try {
            long ticket = ++issued;
            while (durable < ticket) {
                if (committing) {
                    committed.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                // Everything made before this point is in the store: the commit below covers these tickets.
                long covering = issued;
                lock.unlock();
                boolean done = false;
                try {
                    store.commit();
                    store.sync();
                    done = true;
                } finally {
                    lock.lock();
                    committing = false;
                    if (done) {
                        durable = Math.max(durable, covering);
                    }
                    committed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
