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

        public Double target(String metric, String scoring) {
            return Journey.target(targets, metric, scoring);
        }
    }

    /**
     * A touchpoint's target for a figure: journey-service names CES targets by scoring method ({@code CES_AGREEMENT},
     * {@code CES_EFFORT}; {@code CES} is the older name of the agreement one), {@code CSATShare} (a fraction 0–1) and
     * {@code NPS}. A CES figure is only compared with the target of its own method: a 1–7 target read on the 1–5
     * effort scale would be met by every answer.
     */
    public static Double target(Map<String, Double> targets, String metric, String scoring) {
        if (targets == null) {
            return null;
        }
        return switch (metric) {
            case "CSAT" -> targets.get("CSATShare");
            case "CES" -> "CES_EFFORT".equals(scoring) ? targets.get("CES_EFFORT")
                    : targets.get("CES_AGREEMENT") != null ? targets.get("CES_AGREEMENT") : targets.get("CES");
            default -> targets.get(metric);
        };
    }
}
