package io.effortmap.launcher.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real Keycloak server, unpacked once from the zip Maven fetched into the data folder and built once for the
 * local options (dev-file database, health checks), so later starts are {@code start --optimized} (~6-9 s warm).
 */
final class KeycloakDistribution {

    private KeycloakDistribution() {
    }

    /** Options baked in by {@code kc.sh build}; a change of them needs a new build. */
    static final java.util.List<String> BUILD_OPTIONS = java.util.List.of("--db=dev-file", "--health-enabled=true");

    /** Returns the Keycloak home, unpacking it on first use, with the project realm placed for import. */
    static Path prepare(Path dataDir) {
        Properties build = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("/launcher.properties")) {
            build.load(in);
        } catch (IOException | NullPointerException e) {
            throw new LaunchException("launcher.properties is missing: rebuild with ./effortmap build");
        }
        String version = build.getProperty("keycloak.version");
        Path zip = Path.of(build.getProperty("keycloak.zip"));
        Path home = dataDir.resolve("keycloak").resolve("keycloak-" + version);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            if (!Files.isRegularFile(zip)) {
                throw new LaunchException("Keycloak " + version + " is not in the Maven repository (" + zip
                        + "): run ./effortmap build");
            }
            unzip(zip, home.getParent());
        }
        try (InputStream realm = KeycloakDistribution.class.getResourceAsStream("/keycloak/effortmap-realm.json")) {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, imports.resolve("effortmap-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LaunchException("Could not place the realm file for import: " + e.getMessage());
        }
        return home;
    }

    /** Whether {@code kc.sh build} already ran with {@link #BUILD_OPTIONS}. */
    static boolean isBuilt(Path home) {
        try {
            return Files.readString(buildMarker(home)).equals(String.join(" ", BUILD_OPTIONS));
        } catch (IOException e) {
            return false;
        }
    }

    static void markBuilt(Path home) {
        try {
            Files.writeString(buildMarker(home), String.join(" ", BUILD_OPTIONS));
        } catch (IOException e) {
            throw new LaunchException("Cannot write to " + home + ": " + e.getMessage());
        }
    }

    private static Path buildMarker(Path home) {
        return home.resolve(".effortmap-build");
    }

    private static void unzip(Path zip, Path target) {
        Path staging = target.resolve(".unpacking");
        try {
            Files.createDirectories(staging);
            String top = null;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("Zip entry outside target: " + entry.getName());
                    }
                    if (top == null) {
                        top = entry.getName().split("/")[0];
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        if (entry.getName().endsWith(".sh")) {
                            out.toFile().setExecutable(true);
                        }
                    }
                }
            }
            // Unpack aside and move in one step, so an interrupted unpack is never mistaken for a complete one.
            Files.move(staging.resolve(top), target.resolve(top), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(staging);
        } catch (IOException e) {
            throw new LaunchException("Could not unpack Keycloak from " + zip + ": " + e.getMessage());
        }
    }
}
