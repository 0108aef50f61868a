package io.effortmap.common.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.effortmap.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    /** An in-memory store with the contract's atomic insert-unless-present. */
    static final class MapStore implements IdempotencyStore {
        final Map<String, Reservation> keys = new HashMap<>();

        @Override
        public synchronized Uni<Reservation> reserve(String workspace, String key, String fingerprint, String id) {
            Reservation stored = keys.get(workspace + "/" + key);
            if (stored != null) {
                return Uni.createFrom().item(new Reservation(stored.fingerprint(), stored.resourceId(), stored.completed(), false));
            }
            keys.put(workspace + "/" + key, new Reservation(fingerprint, id, false, true));
            return Uni.createFrom().item(new Reservation(fingerprint, id, false, true));
        }

        @Override
        public synchronized Uni<Void> complete(String workspace, String key, String resourceId) {
            keys.computeIfPresent(workspace + "/" + key, (k, r) -> new Reservation(r.fingerprint(), resourceId, true, false));
            return Uni.createFrom().voidItem();
        }

        @Override
        public synchronized Uni<Void> release(String workspace, String key) {
            keys.remove(workspace + "/" + key);
            return Uni.createFrom().voidItem();
        }
    }

    static final class Objects {
        final Map<String, String> byId = new HashMap<>();
        final AtomicInteger ids = new AtomicInteger();

        Uni<String> create(String id) {
            if (byId.containsKey(id)) {
                return Uni.createFrom().failure(new IllegalArgumentException("duplicate " + id));
            }
            byId.put(id, "object " + id);
            return Uni.createFrom().item(byId.get(id));
        }

        Uni<String> find(String id) {
            return Uni.createFrom().item(byId.get(id));
        }
    }

    private final MapStore store = new MapStore();
    private final Objects objects = new Objects();

    private Idempotency.Outcome<String> create(String workspace, String key, String fingerprint) {
        return Idempotency.create(store, workspace, key, fingerprint, () -> "id" + objects.ids.incrementAndGet(),
                objects::create, objects::find, e -> e instanceof IllegalArgumentException).await().indefinitely();
    }

    @Test
    void theSameKeyAndRequestAnswerTheFirstObjectWithoutCreatingAnother() {
        var first = create("acme", "k1", "f");
        var again = create("acme", "k1", "f");
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(objects.byId).hasSize(1);
    }

    @Test
    void keysAreScopedPerWorkspace() {
        var acme = create("acme", "k1", "f");
        var globex = create("globex", "k1", "f");
        assertThat(globex.replayed()).isFalse();
        assertThat(globex.value()).isNotEqualTo(acme.value());
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        create("acme", "k1", "f");
        assertThatThrownBy(() -> create("acme", "k1", "other"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors().getFirst().field()).isEqualTo("Idempotency-Key");
                });
    }

    @Test
    void aRequestThatDiedAfterReservingIsCompletedByItsRetryUnderTheReservedId() {
        store.reserve("acme", "k1", "f", "reserved").await().indefinitely();
        var retry = create("acme", "k1", "f");
        assertThat(retry.value()).isEqualTo("object reserved");
        assertThat(objects.byId).containsOnlyKeys("reserved");
    }

    @Test
    void aCreateRefusedWith4xxFreesTheKey() {
        assertThatThrownBy(() -> Idempotency.create(store, "acme", "k1", "f", () -> "x",
                id -> Uni.createFrom().<String>failure(ProblemException.conflict("no")), objects::find, e -> false)
                .await().indefinitely()).isInstanceOf(ProblemException.class);
        assertThat(store.keys).isEmpty();
        assertThat(create("acme", "k1", "other").replayed()).isFalse();
    }

    @Test
    void aDeletedObjectIsNotCreatedAgainByAReplay() {
        var first = create("acme", "k1", "f");
        objects.byId.clear();
        assertThatThrownBy(() -> create("acme", "k1", "f"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(410));
        assertThat(first.replayed()).isFalse();
    }

    @Test
    void aCreateThatAnswersAnExistingObjectPointsTheKeyAtIt() {
        objects.byId.put("earlier", "object earlier");
        var first = Idempotency.createOrFind(store, "acme", "k1", "f", () -> "reserved",
                id -> Uni.createFrom().item(new Idempotency.Created<>("object earlier", "earlier", true)), objects::find,
                e -> false).await().indefinitely();
        assertThat(first.replayed()).isTrue();
        assertThat(create("acme", "k1", "f").value()).isEqualTo("object earlier");
    }

    @Test
    void withoutAKeyEveryRequestCreates() {
        create("acme", null, "f");
        create("acme", null, "f");
        assertThat(objects.byId).hasSize(2);
    }
}
