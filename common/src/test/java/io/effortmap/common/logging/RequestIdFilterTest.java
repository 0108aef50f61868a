package io.effortmap.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @AfterEach
    void clear() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    @Test
    void gatewayRequestIdGoesIntoTheMdc() {
        filter.tag(requestWithId("3f1c2a9e-7b2d-4c1e-9a8f-0b1c2d3e4f5a"));
        assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("3f1c2a9e-7b2d-4c1e-9a8f-0b1c2d3e4f5a");
    }

    @Test
    void missingOrUnsafeIdLeavesTheMdcAlone() {
        filter.tag(requestWithId(null));
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
        filter.tag(requestWithId("a\nERROR forged"));
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    /** A request context that only knows its X-Request-Id header. */
    private static ContainerRequestContext requestWithId(String id) {
        return (ContainerRequestContext) Proxy.newProxyInstance(RequestIdFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString") && RequestIds.HEADER.equals(args[0])) {
                        return id;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
