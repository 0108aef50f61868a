package io.effortmap.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "effortmap.metrics")
public interface MetricsConfig {

    /** Figures with fewer answers than this are flagged {@code lowSample}; also the n every test decision needs. */
    @WithDefault("30")
    int lowSampleThreshold();

    /** Up to 3 response segment attributes that get their own slices, e.g. {@code region,plan}. */
    Optional<List<String>> segmentAttributes();

    /** {@code workspace=Zone} entries, e.g. {@code acme=Europe/Berlin}; other workspaces count days in UTC. */
    Optional<List<String>> timeZones();

    /** How long the last known structure of a journey may stand in while journey-service is unavailable. */
    @WithDefault("10m")
    Duration journeyCacheTtl();

    Feed feed();

    interface Feed {

        /** Off in tests that drive ingestion themselves. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        /** Wait after a page that was not full; bounds how stale metrics get. */
        @WithDefault("200ms")
        Duration idlePoll();

        /** Wait after a failed poll (upstream down, lost lease race). */
        @WithDefault("2s")
        Duration errorBackoff();

        /** A replica that stops renewing its lease loses it after this long. */
        @WithDefault("15s")
        Duration leaseTtl();
    }
}
