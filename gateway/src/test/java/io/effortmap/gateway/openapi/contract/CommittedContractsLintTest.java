package io.effortmap.gateway.openapi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints the committed OpenAPI documents ({@code docs/openapi/*.json}, which the gateway merges into the public API)
 * with Spectral's {@code spectral:oas} ruleset ({@code .spectral.yaml} at the repository root), exactly as
 * <pre>
 * npx --yes @stoplight/spectral-cli@6.16.3 lint --ruleset .spectral.yaml --fail-severity=error \
 *     docs/openapi/&lt;file&gt;
 * </pre>
 * run from the repository root would: any Spectral error (an example that does not match its schema, a broken
 * {@code $ref}, …) fails the build; warnings are printed only.
 *
 * <p>Node.js and npm ({@code npx}) come from the machine: the {@code java-maven} machine kind this project is built on
 * has Node.js v20 and npm preinstalled, and {@code .ci/run} installs nothing else for this test. {@code npx --yes}
 * fetches the pinned Spectral CLI from the npm registry on its first run (hence the generous timeout) and reuses
 * npm's cache afterwards. Without {@code npx} on the PATH the test fails with a message saying so; it never skips.
 */
class CommittedContractsLintTest {

    /** Maven runs the tests in the module directory; the repository root is its parent. */
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path CONTRACTS = REPO.resolve("docs").resolve("openapi");
    private static final Path RULESET = REPO.resolve(".spectral.yaml");
    private static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";
    /** The first run downloads Spectral. */
    private static final long TIMEOUT_MINUTES = 10;

    /** Every committed contract: each {@code *.json} in {@code docs/openapi}, so a new service's document is linted too. */
    static List<String> committedContracts() throws IOException {
        try (Stream<Path> files = Files.list(CONTRACTS)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyCommittedContractHasNoSpectralErrors() throws IOException {
        assertThat(RULESET).as("Spectral ruleset").isRegularFile();
        List<String> contracts = committedContracts();
        assertThat(contracts).as("committed contracts in %s", CONTRACTS).isNotEmpty();
        String npx = requireNpx();
        List<String> failures = new ArrayList<>();
        for (String name : contracts) {
            Path contract = CONTRACTS.resolve(name);
            Result result = run(List.of(npx, "--yes", SPECTRAL, "lint", "--ruleset", RULESET.toString(),
                    "--fail-severity=error", REPO.relativize(contract).toString()));
            System.out.printf("== spectral lint %s (exit %d)%n%s%n", name, result.exit(), result.output());
            if (result.exit() != 0) {
                failures.add(name + " (exit " + result.exit() + "):\n" + result.output());
            }
        }
        assertThat(failures).as("Spectral (%s, ruleset %s) reported errors; fix the service's annotations or examples "
                + "and regenerate its committed document", SPECTRAL, RULESET).isEmpty();
    }

    /** The npx command, or a failure that says how to get it (never a skip). */
    private static String requireNpx() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String npx = windows ? "npx.cmd" : "npx";
        Result version;
        try {
            version = run(List.of(npx, "--version"));
        } catch (UncheckedIOException e) {
            return fail("'%s' is not on the PATH (%s). This test lints docs/openapi with Spectral through npx: "
                    + "install Node.js (>= 20.17, as Spectral 6.16 requires) with npm; the java-maven machine kind "
                    + "ships Node.js 20 and npm.", npx, e.getCause().getMessage());
        }
        if (version.exit() != 0) {
            return fail("'%s --version' exited with %d: %s", npx, version.exit(), version.output());
        }
        return npx;
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command in the repository root, stdout and stderr merged, within {@link #TIMEOUT_MINUTES}. */
    private static Result run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ignored) {
                // the process was killed; what was read so far is reported
            }
        });
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(TimeUnit.SECONDS.toMillis(10));
                return fail("%s did not finish within %d minutes; output so far:%n%s", String.join(" ", command),
                        TIMEOUT_MINUTES, output.toString(StandardCharsets.UTF_8));
            }
            reader.join();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return fail("interrupted while running %s", String.join(" ", command));
        }
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
