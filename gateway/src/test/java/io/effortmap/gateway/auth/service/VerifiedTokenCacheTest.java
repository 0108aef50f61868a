package io.effortmap.gateway.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.gateway.auth.model.Caller;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static VerifiedTokenCache cache(int size) {
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("verifiedTokenCacheSize")) {
                        return size;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new VerifiedTokenCache(config, new SimpleMeterRegistry());
    }

    private static long inSeconds(long seconds) {
        return System.currentTimeMillis() / 1000 + seconds;
    }

    @Test
    void aVerdictIsKeptUntilItsTokenExpires() {
        VerifiedTokenCache cache = cache(100);
        Caller live = new Caller("web", "web/ws/ana", inSeconds(300));
        cache.put("Bearer live", live);
        cache.put("Bearer expired", new Caller("web", "web/ws/bob", inSeconds(-1)));
        assertThat(cache.get("Bearer live")).isEqualTo(live);
        assertThat(cache.get("Bearer expired")).isNull();
        assertThat(cache.get("Bearer unknown")).isNull();
    }

    @Test
    void theCacheHoldsAtMostItsSizeWithoutForgettingEverything() {
        VerifiedTokenCache cache = cache(1000);
        for (int i = 0; i < 5000; i++) {
            cache.put("Bearer t" + i, new Caller("web", "web/ws/u" + i, inSeconds(300)));
        }
        assertThat(cache.size()).isBetween(500L, 1000L);
        assertThat(cache.get("Bearer t4999")).as("the newest verdict").isNotNull();
    }
}
