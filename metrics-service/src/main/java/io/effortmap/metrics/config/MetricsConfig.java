package io.effortmap.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "effortmap.metrics")
public interface MetricsConfig {

    /** Figures with fewer answers than this are flagged {@code lowSample}. */
    @WithDefault("30")
    int lowSampleThreshold();

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
