package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.config.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The early-warning settings shared by the journey report and alert rules: the false discovery rate, the minimum n,
 * and the minimum practical effect per metric, optionally per workspace ({@code [workspace:]METRIC=fraction}).
 */
@ApplicationScoped
public class ChangePolicy {

    private final ChangeDetector.Settings settings;
    private final double defaultEffect;
    private final Map<String, Double> effects;

    @Inject
    ChangePolicy(MetricsConfig config) {
        this(config.earlyWarning().falseDiscoveryRate(), config.lowSampleThreshold(),
                config.earlyWarning().minimumEffect(), config.earlyWarning().minimumEffects().orElse(List.of()));
    }

    /** Fails startup on a malformed or out-of-range setting rather than silently alarming on the wrong rule. */
    public ChangePolicy(double fdr, int minN, double defaultEffect, List<String> overrides) {
        if (!(fdr > 0 && fdr < 1)) {
            throw new IllegalArgumentException("EARLY_WARNING_FDR must be between 0 and 1: " + fdr);
        }
        this.settings = new ChangeDetector.Settings(fdr, minN);
        this.defaultEffect = effect(defaultEffect, "EARLY_WARNING_MINIMUM_EFFECT");
        this.effects = new HashMap<>();
        for (String entry : overrides) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(
                        "EARLY_WARNING_MINIMUM_EFFECTS entry is not [workspace:]METRIC=fraction: " + entry);
            }
            double value;
            try {
                value = Double.parseDouble(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EARLY_WARNING_MINIMUM_EFFECTS entry is not a number: " + entry, e);
            }
            String key = parts[0].trim();
            String metric = key.substring(key.indexOf(':') + 1);
            if (!BucketPlanner.METRICS.contains(metric)) {
                throw new IllegalArgumentException("EARLY_WARNING_MINIMUM_EFFECTS metric is not CES, CSAT or NPS: "
                        + entry);
            }
            effects.put(key, effect(value, "EARLY_WARNING_MINIMUM_EFFECTS " + entry));
        }
    }

    private static double effect(double value, String setting) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(setting + " must be a fraction from 0 to below 1: " + value);
        }
        return value;
    }

    public ChangeDetector.Settings settings() {
        return settings;
    }

    /** The workspace's own setting for the metric, else the metric's, else the default. */
    public double minimumEffect(String workspace, String metric) {
        Double own = effects.get(workspace + ":" + metric);
        if (own != null) {
            return own;
        }
        return effects.getOrDefault(metric, defaultEffect);
    }
}
