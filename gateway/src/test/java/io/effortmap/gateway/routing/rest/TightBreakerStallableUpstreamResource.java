package io.effortmap.gateway.routing.rest;

import java.util.HashMap;
import java.util.Map;

/** {@link StallableUpstreamResource} with circuit breakers that open on the first failed exchange. */
public class TightBreakerStallableUpstreamResource extends StallableUpstreamResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("effortmap.gateway.breaker-failure-threshold", "1");
        config.put("effortmap.gateway.breaker-open", "60s");
        return config;
    }
}
