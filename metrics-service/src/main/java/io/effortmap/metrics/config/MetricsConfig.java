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

    /** How long an answer of journey-service (a journey's structure, a touchpoint) is reused without asking again. */
    @WithDefault("5s")
    Duration journeyCacheFresh();

    /** How long the last known structure of a journey may stand in while journey-service is unavailable. */
    @WithDefault("10m")
    Duration journeyCacheTtl();

    Feed feed();

    EarlyWarning earlyWarning();

    ServiceToken serviceToken();

    Alerts alerts();

    Webhooks webhooks();

    interface EarlyWarning {

        /** False discovery rate controlled across the tests of one report (Benjamini–Hochberg). */
        @WithDefault("0.05")
        double falseDiscoveryRate();

        /**
         * Smallest change that raises an alarm, as a fraction of the figure's full range (a mean's scale span, 1 for
         * a share, 200 points for NPS): a tiny change on a huge n is significant but not worth a project.
         */
        @WithDefault("0.05")
        double minimumEffect();

        /** Overrides {@code [workspace:]METRIC=fraction}, e.g. {@code NPS=0.1,acme:CES=0.03}. */
        Optional<List<String>> minimumEffects();
    }

    interface Alerts {

        /** Off in tests that evaluate rules themselves. */
        @WithDefault("true")
        boolean enabled();

        /** Responses arriving for a workspace within this time are evaluated together. */
        @WithDefault("1s")
        Duration debounce();

        /** Every enabled rule is evaluated this often, because rolling windows move with time, not only with data. */
        @WithDefault("1m")
        Duration sweepInterval();
    }

    interface Webhooks {

        /** Plain http:// receivers; only for development and tests. */
        @WithDefault("false")
        boolean allowHttp();

        /** Receivers on loopback, private or link-local addresses; off unless they are meant to be reached. */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** Off in tests that dispatch deliveries themselves. */
        @WithDefault("true")
        boolean dispatch();

        /** How often due deliveries are looked for. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed and sent in parallel per poll. */
        @WithDefault("16")
        int batchSize();

        /** A receiver that has not answered within this time counts as failed. */
        @WithDefault("10s")
        Duration timeout();

        /** A replica that crashed mid-delivery loses its claim after this long; must exceed {@code timeout}. */
        @WithDefault("1m")
        Duration claimTtl();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("5s")
        Duration retryBase();

        /** Longest wait between two attempts. */
        @WithDefault("1h")
        Duration retryMax();

        /** How long a rotated-out secret still signs deliveries, next to the new one. */
        @WithDefault("24h")
        Duration secretGrace();

        /** Attempts before a delivery is FAILED (replay queues it again). */
        @WithDefault("8")
        int maxAttempts();

        /** Delivered and failed deliveries (payload and attempt log) are deleted this long after they were created. */
        @WithDefault("30d")
        Duration retention();
    }

    interface ServiceToken {

        /**
         * This service's token is renewed once less than this is left of it (at most three quarters of its
         * lifetime): what is left is how long an identity-provider outage can last before feed reading stops.
         */
        @WithDefault("45m")
        Duration renewBefore();
    }

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

        /**
         * A replica that stops renewing its lease loses it after this long, so this bounds how long a crashed
         * holder's feed waits for another replica (or its own restart) to take over.
         */
        @WithDefault("5s")
        Duration leaseTtl();

        /**
         * A poll (feed read, bucket writes, cursor) that has not finished by then is abandoned and retried: a store or
         * upstream call that never answers must not stop ingestion, and the conditional writes make the retry safe.
         */
        @WithDefault("30s")
        Duration pollTimeout();
    }
}
