package io.effortmap.launcher.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything that distinguishes one local stack from another: where the project and its data live, its ports, and
 * the development credentials (the same defaults as the realm file's placeholders; any can be overridden by env).
 */
public record StackConfig(Path projectRoot, Path dataDir, Ports ports, Path javaHome, Credentials credentials) {

    public record Credentials(String keycloakAdminPassword, String demoUserPassword, String metricsClientSecret,
            String crmAcmeSecret, String crmGlobexSecret, String databasePassword) {

        public static Credentials fromEnvironment(Map<String, String> env) {
            return new Credentials(
                    env.getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                    env.getOrDefault("DEMO_USER_PASSWORD", "effortmap"),
                    env.getOrDefault("METRICS_SERVICE_CLIENT_SECRET", "metrics-service-dev-secret"),
                    env.getOrDefault("CRM_ACME_SECRET", "crm-acme-dev-secret"),
                    env.getOrDefault("CRM_GLOBEX_SECRET", "crm-globex-dev-secret"),
                    env.getOrDefault("EFFORTMAP_DB_PASSWORD", "effortmap"));
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    /** The browser console: served by the gateway, on the API's origin. */
    public String consoleUrl() {
        return gatewayUrl();
    }

    public String keycloakUrl() {
        return "http://localhost:" + ports.keycloak();
    }

    public String issuer() {
        return keycloakUrl() + "/realms/effortmap";
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }
}
