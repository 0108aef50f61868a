package io.effortmap.launcher.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports of one local stack. Defaults are fixed and documented; each can be moved with an env var. Each service's
 * management interface (health, metrics, OpenAPI) listens on its own port, by default the service's port + 1000 (as
 * Keycloak's 9180 for 8180), so moving a service moves its management port along.
 */
public record Ports(int gateway, int survey, int journey, int metrics, int keycloak, int keycloakManagement,
        int postgres, int mongo, int gatewayManagement, int surveyManagement, int journeyManagement,
        int metricsManagement) {

    private static final int MANAGEMENT_OFFSET = 1000;

    public static Ports fromEnvironment(Map<String, String> env) {
        int gateway = port(env, "EFFORTMAP_GATEWAY_PORT", 8080);
        int survey = port(env, "EFFORTMAP_SURVEY_PORT", 8081);
        int journey = port(env, "EFFORTMAP_JOURNEY_PORT", 8082);
        int metrics = port(env, "EFFORTMAP_METRICS_PORT", 8083);
        Ports ports = new Ports(gateway, survey, journey, metrics,
                port(env, "EFFORTMAP_KEYCLOAK_PORT", 8180),
                port(env, "EFFORTMAP_KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "EFFORTMAP_POSTGRES_PORT", 15432),
                port(env, "EFFORTMAP_MONGO_PORT", 27117),
                port(env, "EFFORTMAP_GATEWAY_MANAGEMENT_PORT", gateway + MANAGEMENT_OFFSET),
                port(env, "EFFORTMAP_SURVEY_MANAGEMENT_PORT", survey + MANAGEMENT_OFFSET),
                port(env, "EFFORTMAP_JOURNEY_MANAGEMENT_PORT", journey + MANAGEMENT_OFFSET),
                port(env, "EFFORTMAP_METRICS_MANAGEMENT_PORT", metrics + MANAGEMENT_OFFSET));
        ports.checkDistinct();
        return ports;
    }

    /** Free ports below 32768 (higher ones are handed out to client sockets here), for tests. */
    public static Ports free() {
        Set<Integer> taken = new HashSet<>();
        int[] p = new int[12];
        for (int i = 0; i < p.length; i++) {
            int candidate;
            do {
                candidate = ThreadLocalRandom.current().nextInt(20000, 32000);
            } while (taken.contains(candidate) || !isFree(candidate));
            taken.add(candidate);
            p[i] = candidate;
        }
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
    }

    /** Port by component, in start order, named as the env var that moves it. */
    public Map<String, Integer> byEnvVar() {
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("EFFORTMAP_POSTGRES_PORT", postgres);
        all.put("EFFORTMAP_MONGO_PORT", mongo);
        all.put("EFFORTMAP_KEYCLOAK_PORT", keycloak);
        all.put("EFFORTMAP_KEYCLOAK_MANAGEMENT_PORT", keycloakManagement);
        all.put("EFFORTMAP_JOURNEY_PORT", journey);
        all.put("EFFORTMAP_SURVEY_PORT", survey);
        all.put("EFFORTMAP_METRICS_PORT", metrics);
        all.put("EFFORTMAP_GATEWAY_PORT", gateway);
        all.put("EFFORTMAP_JOURNEY_MANAGEMENT_PORT", journeyManagement);
        all.put("EFFORTMAP_SURVEY_MANAGEMENT_PORT", surveyManagement);
        all.put("EFFORTMAP_METRICS_MANAGEMENT_PORT", metricsManagement);
        all.put("EFFORTMAP_GATEWAY_MANAGEMENT_PORT", gatewayManagement);
        return all;
    }

    /** Two components on one port would fail only at start, with a bind error in one of their logs: say it now. */
    private void checkDistinct() {
        Map<Integer, String> byPort = new LinkedHashMap<>();
        byEnvVar().forEach((envVar, port) -> {
            String other = byPort.putIfAbsent(port, envVar);
            if (other != null) {
                throw new LaunchException(other + " and " + envVar + " are both " + port + "; move one of them");
            }
        });
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchException(name + "=" + value + " is not a port number");
        }
    }
}
