package io.effortmap.survey.journey.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * journey-service's answer for one touchpoint. A tolerant reader: fields journey-service adds later are ignored
 * (request bodies this service receives stay strict).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Touchpoint(String journeyId, String touchpointId, String name, String channel, String stageId,
        String stageName) {
}
