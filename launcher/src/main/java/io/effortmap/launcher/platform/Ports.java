package io.effortmap.launcher.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The ports of one local stack. Defaults are fixed and documented; each can be moved with an env var. */
public record Ports(int gateway, int survey, int journey, int metrics, int keycloak, int keycloakManagement,
        int postgres, int mongo, int console) {

    public static Ports fromEnvironment(Map<String, String> env) {
        return new Ports(
                port(env, "EFFORTMAP_GATEWAY_PORT", 8080),
                port(env, "EFFORTMAP_SURVEY_PORT", 8081),
                port(env, "EFFORTMAP_JOURNEY_PORT", 8082),
                port(env, "EFFORTMAP_METRICS_PORT", 8083),
                port(env, "EFFORTMAP_KEYCLOAK_PORT", 8180),
                port(env, "EFFORTMAP_KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "EFFORTMAP_POSTGRES_PORT", 15432),
                port(env, "EFFORTMAP_MONGO_PORT", 27117),
                port(env, "EFFORTMAP_CONSOLE_PORT", 8084));
    }

    /** Free ports below 32768 (higher ones are handed out to client sockets here), for tests. */
    public static Ports free() {
        Set<Integer> taken = new HashSet<>();
        int[] p = new int[9];
        for (int i = 0; i < p.length; i++) {
            int candidate;
            do {
                candidate = ThreadLocalRandom.current().nextInt(20000, 32000);
            } while (taken.contains(candidate) || !isFree(candidate));
            taken.add(candidate);
            p[i] = candidate;
        }
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
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
        all.put("EFFORTMAP_CONSOLE_PORT", console);
        all.put("EFFORTMAP_GATEWAY_PORT", gateway);
        return all;
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
