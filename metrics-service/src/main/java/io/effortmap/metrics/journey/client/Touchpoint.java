package io.effortmap.metrics.journey.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

@JsonIgnoreProperties(ignoreUnknown = true)
public record Touchpoint(String journeyId, String touchpointId, String name, String channel, String stageId,
        String stageName, Map<String, Double> targets) {
}
