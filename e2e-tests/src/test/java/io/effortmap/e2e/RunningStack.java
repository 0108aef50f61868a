package io.effortmap.e2e;

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
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real stack once for all end-to-end test classes (the store of the root context closes it after the last
 * one) and hands out tokens of the demo identities.
 */
public final class RunningStack implements BeforeAllCallback {

    static StackConfig config;
    static Api api;
    static String alice;
    static String adam;
    static String gina;
    static String crmAcme;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningStack.class, key -> start(), StackHandle.class);
    }

    private static StackHandle start() {
        Path root = Path.of(System.getProperty("effortmap.root", "..")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("effortmap.e2e.data", "target/e2e-stack")).toAbsolutePath();
        deleteRecursively(data);
        config = new StackConfig(root, data, Ports.free(), Path.of(System.getProperty("java.home")),
                StackConfig.Credentials.fromEnvironment(Map.of()));
        Platform platform = new Platform(config, line -> System.out.println("[e2e] " + line));
        platform.start();
        RestAssured.baseURI = config.gatewayUrl();
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        api = new Api(config.gatewayUrl(), config.issuer());
        String password = config.credentials().demoUserPassword();
        alice = api.userToken("alice", password);
        adam = api.userToken("adam", password);
        gina = api.userToken("gina", password);
        crmAcme = api.clientToken("crm-acme", config.credentials().crmAcmeSecret());
        return new StackHandle(platform);
    }

    private record StackHandle(Platform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
