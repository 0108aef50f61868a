package io.effortmap.common.idempotency;

import io.smallrye.mutiny.Uni;

/**
 * Where a service keeps its idempotency keys, scoped per workspace, in its own store (so they survive restarts).
 * Implementations need one atomic "insert unless present" on (workspace, key).
 */
public interface IdempotencyStore {

    /** What is stored for a key. {@code fresh} is true when this call stored it. */
    record Reservation(String fingerprint, String resourceId, boolean completed, boolean fresh) {
    }

    /** Stores (workspace, key) for {@code resourceId} unless the key is taken; answers what is stored now. */
    Uni<Reservation> reserve(String workspace, String key, String fingerprint, String resourceId);

    /**
     * Marks the key's object as created, so a later replay after its deletion does not create it again, and records the
     * id of the object answered (the reserved one, or an equal object that existed already).
     */
    Uni<Void> complete(String workspace, String key, String resourceId);

    /** Forgets a reservation whose create was refused (nothing was created), so the key can be used again. */
    Uni<Void> release(String workspace, String key);
}
