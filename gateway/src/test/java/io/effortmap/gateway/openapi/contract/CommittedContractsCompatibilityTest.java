package io.effortmap.gateway.openapi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed contracts ({@code docs/openapi/*.json}) must stay compatible with the released ones
 * ({@code docs/openapi/baseline/}): additive changes pass, breaking ones fail the build. How to release, or to make a
 * deliberate breaking change, is in docs/api-contracts.md.
 */
class CommittedContractsCompatibilityTest {

    private static final Path CONTRACTS = Path.of("..", "docs", "openapi").toAbsolutePath().normalize();
    private static final Path BASELINE = CONTRACTS.resolve("baseline");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCommittedContractHasItsReleasedBaseline() throws IOException {
        List<String> contracts = CommittedContractsLintTest.committedContracts();
        assertThat(contracts).isNotEmpty();
        for (String name : contracts) {
            assertThat(BASELINE.resolve(name)).as("released baseline of %s (docs/api-contracts.md says how to add one)", name)
                    .isRegularFile();
        }
    }

    @Test
    void committedContractsHaveNoBreakingChangeAgainstTheBaseline() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String name : CommittedContractsLintTest.committedContracts()) {
            Path baseline = BASELINE.resolve(name);
            if (!Files.isRegularFile(baseline)) {
                continue; // reported by the test above
            }
            BreakingChanges.between(JSON.readTree(baseline.toFile()), JSON.readTree(CONTRACTS.resolve(name).toFile()))
                    .forEach(change -> problems.add(name + ": " + change));
        }
        assertThat(problems).as("breaking changes against docs/openapi/baseline (keep the change additive, or see "
                + "docs/api-contracts.md for a new version path or a baseline bump with a reason)").isEmpty();
    }
}
