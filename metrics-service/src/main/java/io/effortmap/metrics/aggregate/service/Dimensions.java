package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.config.MetricsConfig;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which segment attributes get slices, and the time zone in which each workspace's days are counted. */
public record Dimensions(List<String> segmentAttributes, Map<String, ZoneId> zones) {

    public static final int MAX_SEGMENT_ATTRIBUTES = 3;

    public Dimensions {
        if (segmentAttributes.size() > MAX_SEGMENT_ATTRIBUTES) {
            throw new IllegalArgumentException("At most " + MAX_SEGMENT_ATTRIBUTES + " segment attributes: " + segmentAttributes);
        }
        segmentAttributes = List.copyOf(segmentAttributes);
        zones = Map.copyOf(zones);
    }

    /** Fails startup on a malformed setting rather than silently counting in the wrong zone. */
    public static Dimensions from(MetricsConfig config) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (String entry : config.timeZones().orElse(List.of())) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("WORKSPACE_TIME_ZONES entry is not workspace=Zone: " + entry);
            }
            try {
                zones.put(parts[0].trim(), ZoneId.of(parts[1].trim()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("Unknown time zone in WORKSPACE_TIME_ZONES: " + entry, e);
            }
        }
        List<String> attributes = config.segmentAttributes().orElse(List.of()).stream()
                .map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
        return new Dimensions(attributes, zones);
    }

    public ZoneId zone(String workspace) {
        return zones.getOrDefault(workspace, ZoneOffset.UTC);
    }
}
