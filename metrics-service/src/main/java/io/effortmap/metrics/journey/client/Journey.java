package io.effortmap.metrics.journey.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** The parts of journey-service's journey map that metrics need; a tolerant reader. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Journey(String id, String name, long version, List<Stage> stages) {

    public Journey {
        stages = stages == null ? List.of() : stages;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stage(String id, String name, List<StageTouchpoint> touchpoints) {

        public Stage {
            touchpoints = touchpoints == null ? List.of() : touchpoints;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageTouchpoint(String id, String name, String channel, Map<String, Double> targets) {

        public Double target(String metric) {
            return Journey.target(targets, metric);
        }
    }

    /**
     * A touchpoint's target for a metric: journey-service names it {@code CES} (a mean), {@code CSATShare} (a fraction
     * 0–1) and {@code NPS}.
     */
    public static Double target(Map<String, Double> targets, String metric) {
        return targets == null ? null : targets.get("CSAT".equals(metric) ? "CSATShare" : metric);
    }
}
