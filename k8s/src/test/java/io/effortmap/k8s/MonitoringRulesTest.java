package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example alerts (k8s/monitoring) are a well-formed PrometheusRule and alert on feed staleness under the metric
 * names metrics-service exposes (those names are asserted on its /q/metrics by metrics-service's FeedStalenessTest).
 */
class MonitoringRulesTest {

    private static final Path RULES = Manifests.K8S.resolve("monitoring/effortmap-alerts.yaml");
    /** A metric compared with a number of seconds. */
    private static final Pattern THRESHOLD = Pattern.compile("\\((\\w+)\\)\\s*>\\s*([0-9][0-9 *]*)$");

    @Test
    void alertsFireWhenEitherFeedStalenessSignalPassesItsThreshold() throws IOException {
        List<JsonNode> documents = Manifests.parseDocuments(Files.readString(RULES));
        assertThat(documents).hasSize(1);
        JsonNode rule = documents.getFirst();
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");

        List<String> thresholded = new ArrayList<>();
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.path("rules")) {
                assertThat(alert.path("alert").asText()).as("rule name").matches("Effortmap[A-Za-z]+");
                assertThat(alert.path("for").asText()).as("%s: for", alert.path("alert")).matches("[0-9]+[smh]");
                assertThat(alert.at("/labels/severity").asText()).isIn("warning", "critical");
                assertThat(alert.at("/annotations/summary").asText()).isNotBlank();
                Matcher m = THRESHOLD.matcher(alert.path("expr").asText().trim());
                if (m.find()) {
                    long seconds = 1;
                    for (String factor : m.group(2).split("\\*")) {
                        seconds *= Long.parseLong(factor.trim());
                    }
                    assertThat(seconds).as("%s: threshold", alert.path("alert")).isPositive();
                    thresholded.add(m.group(1));
                }
            }
        }
        assertThat(thresholded).contains("effortmap_feed_read_age_seconds", "effortmap_feed_newest_item_age_seconds");
    }
}
