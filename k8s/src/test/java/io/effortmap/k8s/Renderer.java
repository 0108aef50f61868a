package io.effortmap.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the first renderer found: {@code $EFFORTMAP_KUSTOMIZE} (a kustomize or kubectl
 * binary), then {@code kustomize} on the PATH, then {@code kubectl kustomize}. The manifests are written for every
 * kustomize from v2.0.3 (kubectl 1.20, Debian's {@code kubernetes-client}) to v5, and
 * {@link KustomizeCompatibilityTest} keeps them so. No renderer is a failure, never a skip.
 */
final class Renderer {

    static final String INSTALL_HINT = "No Kustomize renderer found: install kubectl (Debian: `apt-get install -y "
            + "kubernetes-client`) or kustomize, or point EFFORTMAP_KUSTOMIZE at a kubectl or kustomize binary.";

    private final List<String> command;

    private Renderer(List<String> command) {
        this.command = command;
    }

    static Renderer find() {
        String explicit = System.getenv("EFFORTMAP_KUSTOMIZE");
        if (explicit != null && !explicit.isBlank()) {
            Path bin = Path.of(explicit);
            if (!Files.isExecutable(bin)) {
                throw new AssertionError("EFFORTMAP_KUSTOMIZE=" + explicit + " is not an executable file");
            }
            return of(bin);
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return of(kustomize.get());
        }
        return onPath("kubectl").map(Renderer::of).orElseThrow(() -> new AssertionError(INSTALL_HINT));
    }

    private static Renderer of(Path bin) {
        boolean kubectl = bin.getFileName().toString().startsWith("kubectl");
        return new Renderer(kubectl ? List.of(bin.toString(), "kustomize") : List.of(bin.toString(), "build"));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    String describe() {
        return String.join(" ", command);
    }

    /** The rendered multi-document YAML; fails with the renderer's own message when it refuses the input. */
    String render(Path kustomization) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(kustomization.toString());
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(describe() + " " + kustomization + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (process.exitValue() != 0) {
                throw new AssertionError(describe() + " " + kustomization + " failed (exit " + process.exitValue()
                        + "):\n" + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Could not run " + describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while rendering " + kustomization, e);
        }
    }
}
