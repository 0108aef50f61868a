package io.effortmap.e2e;

import io.effortmap.launcher.platform.DataDirectory;
import io.effortmap.launcher.platform.Platform;
import io.effortmap.launcher.platform.Ports;
import io.effortmap.launcher.platform.StackConfig;
import io.effortmap.launcher.seed.Api;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real stack once for all end-to-end test classes (the store of the root context closes it after the last
 * one) and hands out tokens of the demo identities, fetched again for each class once they are older than
 * {@link #TOKEN_REFRESH} (the realm's access tokens live 5 minutes; the whole suite takes longer).
 */
public final class RunningStack implements BeforeAllCallback {

    /** The gateway's rate limit of {@link #LIMITED_CLIENT} in this stack: a burst of 3, one more every 20 s. */
    static final int LIMITED_CLIENT_BURST = 3;
    static final String LIMITED_CLIENT = "crm-globex";
    /**
     * An interactive (password grant) client created by RateLimitIT, with a burst of 3 per user: users of one front end
     * must not share a bucket.
     */
    static final String LIMITED_WEB_CLIENT = "e2e-web";
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(2);

    static StackConfig config;
    /** Where every application of the stack exports its spans (TracingIT). */
    static TraceReceiver traces;
    static Platform platform;
    static Api api;
    static String alice;
    static String adam;
    static String gina;
    static String crmAcme;
    private static long tokensFetchedNanos;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningStack.class, key -> start(), StackHandle.class);
        if (alice == null || System.nanoTime() - tokensFetchedNanos > TOKEN_REFRESH.toNanos()) {
            fetchTokens();
        }
    }

    private static StackHandle start() {
        Path root = Path.of(System.getProperty("effortmap.root", "..")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("effortmap.e2e.data", "target/e2e-stack")).toAbsolutePath();
        DataDirectory.delete(data);
        config = new StackConfig(root, data, Ports.free(), Path.of(System.getProperty("java.home")),
                StackConfig.Credentials.fromEnvironment(Map.of()));
        traces = TraceReceiver.start();
        Map<String, String> tracing = traces.exportSettings();
        platform = new Platform(config, line -> System.out.println("[e2e] " + line))
                .withSystemProperties("journey-service", tracing)
                .withSystemProperties("survey-service", tracing)
                .withSystemProperties("metrics-service", tracing)
                // RateLimitIT: one client with a small bucket, and the test itself as the trusted proxy so that
                // respondents' per-IP buckets can be told apart by X-Forwarded-For (without it every test would
                // share 127.0.0.1's bucket).
                .withSystemProperties("gateway", withTracing(tracing, Map.of(
                        "effortmap.gateway.rate-limit.clients.\"" + LIMITED_CLIENT + "\".capacity",
                        String.valueOf(LIMITED_CLIENT_BURST),
                        "effortmap.gateway.rate-limit.clients.\"" + LIMITED_CLIENT + "\".refill-per-second", "0.05",
                        "effortmap.gateway.rate-limit.clients.\"" + LIMITED_WEB_CLIENT + "\".capacity",
                        String.valueOf(LIMITED_CLIENT_BURST),
                        "effortmap.gateway.rate-limit.clients.\"" + LIMITED_WEB_CLIENT + "\".refill-per-second", "0.05",
                        "effortmap.gateway.trusted-proxies", "127.0.0.1")));
        platform.start();
        RestAssured.baseURI = config.gatewayUrl();
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        api = new Api(config.gatewayUrl(), config.issuer());
        return new StackHandle(platform, traces);
    }

    private static Map<String, String> withTracing(Map<String, String> tracing, Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putAll(tracing);
        return all;
    }

    /** For a test class that runs longer than the tokens live: fetches them again once they are old. */
    static synchronized void freshTokens() {
        if (System.nanoTime() - tokensFetchedNanos > TOKEN_REFRESH.toNanos()) {
            fetchTokens();
        }
    }

    private static void fetchTokens() {
        String password = config.credentials().demoUserPassword();
        alice = api.userToken("alice", password);
        adam = api.userToken("adam", password);
        gina = api.userToken("gina", password);
        crmAcme = api.clientToken("crm-acme", config.credentials().crmAcmeSecret());
        tokensFetchedNanos = System.nanoTime();
    }

    private record StackHandle(Platform platform, TraceReceiver traces) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.close();
            traces.stop();
        }
    }
}
