package io.effortmap.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark reads metrics-service's counters from its Prometheus scrape. */
class MetricValueTest {

    private static final String NAME = "effortmap_service_token_renewals_total";

    @Test
    void theValueIsTheFieldAfterTheLabelsNotAnExemplarsTimestamp() {
        String scrape = """
                # TYPE effortmap_service_token_renewals_total counter
                effortmap_service_token_renewals_total{client="metrics-service"} 61.0 # {span_id="a1",trace_id="b2"} 1.0 1796320184.532
                effortmap_service_token_renewal_failures_total 0.0
                """;
        assertThat(FreshnessBenchmark.metricValue(scrape, NAME)).isEqualTo("61");
        assertThat(FreshnessBenchmark.metricValue(scrape, "effortmap_service_token_renewal_failures_total")).isEqualTo("0");
    }

    @Test
    void aSampleWithATimestampOrWithoutLabelsReadsTheSame() {
        assertThat(FreshnessBenchmark.sampleValue(NAME + " 12.0 1796320184532", NAME)).isEqualTo("12.0");
        assertThat(FreshnessBenchmark.sampleValue(NAME + "{a=\"x y\"} 3", NAME)).isEqualTo("3");
        assertThat(FreshnessBenchmark.metricValue("other_total 5", NAME)).isEqualTo("?");
    }
}
