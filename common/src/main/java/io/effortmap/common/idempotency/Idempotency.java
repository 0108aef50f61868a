package io.effortmap.common.idempotency;

import io.effortmap.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Creates honouring an {@code Idempotency-Key}, the same way for every service and store.
 *
 * <p>The key is reserved (atomically, in the service's store) together with the id the new object will get, and only
 * then the object is created under that id. A retry finds the reservation and answers the object with that id; should
 * the first request have died between reservation and create, the retry creates it under the reserved id, and of
 * concurrent requests exactly one can create it (the id is the store's primary key), the others answer it. A create
 * refused with a 4xx created nothing, so its reservation is dropped and the key can be used again; after any other
 * failure the outcome is unknown and the reservation stays.
 */
public final class Idempotency {

    private Idempotency() {
    }

    /** The object answered, and whether an earlier request created it. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    /**
     * What a create answered: the object, its id, and whether it existed already (a create that deduplicates by
     * other means, such as an invitation's externalId, may answer an equal object created earlier).
     */
    public record Created<T>(T value, String id, boolean existed) {
    }

    /**
     * @param key            the parsed header, or null (then simply created)
     * @param newId          the id a new object gets
     * @param create         creates the object with the given id
     * @param existing       the object with the given id in the workspace, or a null item when there is none
     * @param alreadyCreated recognises the store's failure when an object with the id exists already
     */
    public static <T> Uni<Outcome<T>> create(IdempotencyStore store, String workspace, String key, String fingerprint,
            Supplier<String> newId, Function<String, Uni<T>> create, Function<String, Uni<T>> existing,
            Predicate<Throwable> alreadyCreated) {
        return createOrFind(store, workspace, key, fingerprint, newId,
                id -> create.apply(id).map(t -> new Created<>(t, id, false)), existing, alreadyCreated);
    }

    /** Like {@link #create}, for creates that may answer an equal object that existed already ({@link Created}). */
    public static <T> Uni<Outcome<T>> createOrFind(IdempotencyStore store, String workspace, String key,
            String fingerprint, Supplier<String> newId, Function<String, Uni<Created<T>>> create,
            Function<String, Uni<T>> existing, Predicate<Throwable> alreadyCreated) {
        if (key == null) {
            return create.apply(newId.get()).map(created -> new Outcome<>(created.value(), created.existed()));
        }
        return store.reserve(workspace, key, fingerprint, newId.get()).chain(reservation -> {
            if (!reservation.fingerprint().equals(fingerprint)) {
                return Uni.createFrom().failure(IdempotencyKey.reusedForDifferentRequest());
            }
            String id = reservation.resourceId();
            if (reservation.fresh()) {
                return createUnder(store, workspace, key, id, create, existing, alreadyCreated);
            }
            return existing.apply(id).chain(found -> {
                if (found != null) {
                    return Uni.createFrom().item(new Outcome<>(found, true));
                }
                if (reservation.completed()) {
                    return Uni.createFrom().failure(new ProblemException(410, "Gone",
                            "The object created with this Idempotency-Key has been deleted since", null, null));
                }
                return createUnder(store, workspace, key, id, create, existing, alreadyCreated);
            });
        });
    }

    private static <T> Uni<Outcome<T>> createUnder(IdempotencyStore store, String workspace, String key, String id,
            Function<String, Uni<Created<T>>> create, Function<String, Uni<T>> existing,
            Predicate<Throwable> alreadyCreated) {
        return create.apply(id)
                .call(created -> store.complete(workspace, key, created.id()))
                .map(created -> new Outcome<>(created.value(), created.existed()))
                .onFailure(alreadyCreated).recoverWithUni(() -> existing.apply(id)
                        .onItem().ifNull().failWith(() -> new IllegalStateException("Object " + id + " vanished"))
                        .map(found -> new Outcome<>(found, true)))
                .onFailure(Idempotency::refused)
                .call(() -> store.release(workspace, key).onFailure().recoverWithNull());
    }

    /** A 4xx means nothing was created; anything else leaves the outcome open, so the reservation stays. */
    private static boolean refused(Throwable e) {
        return e instanceof ProblemException p && p.status() >= 400 && p.status() < 500;
    }
}
