package io.effortmap.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Tokens of the demo identities for tests that outlast them (the realm's tokens live 5 minutes): fetched again at 2. */
final class FreshTokens {

    private static final Duration KEEP = Duration.ofMinutes(2);
    private static final Map<String, Held> HELD = new ConcurrentHashMap<>();

    private record Held(String token, long fetchedNanos) {
    }

    private FreshTokens() {
    }

    static String admin() {
        return user("alice");
    }

    static String analyst() {
        return user("adam");
    }

    static String crm() {
        return get("crm-acme", () -> RunningStack.api.clientToken("crm-acme", RunningStack.config.credentials().crmAcmeSecret()));
    }

    private static String user(String name) {
        return get(name, () -> RunningStack.api.userToken(name, RunningStack.config.credentials().demoUserPassword()));
    }

    private static String get(String who, Supplier<String> fetch) {
        Held held = HELD.get(who);
        if (held == null || System.nanoTime() - held.fetchedNanos() > KEEP.toNanos()) {
            held = new Held(fetch.get(), System.nanoTime());
            HELD.put(who, held);
        }
        return held.token();
    }
}
