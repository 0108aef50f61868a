package io.effortmap.gateway.routing.rest;

import io.effortmap.common.logging.RequestIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a sane caller id (it ends up in log lines) or makes one; forwards and echoes it, and records it on the
 * request's trace span, so a trace can be found from the id a client reports. The id does not travel further than the
 * first service: across services, requests are tied together by their trace (W3C {@code traceparent}).
 */
@Singleton
public class RequestIdHandler implements Handler<RoutingContext> {

    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("effortmap.request_id");

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.request().getHeader(RequestIds.HEADER);
        if (!RequestIds.acceptable(id)) {
            id = newRequestId();
            ctx.request().headers().set(RequestIds.HEADER, id);
        }
        ctx.response().putHeader(RequestIds.HEADER, id);
        Span.current().setAttribute(REQUEST_ID, id);
        ctx.next();
    }

    /**
     * A random version-4 UUID from ThreadLocalRandom: request ids need uniqueness, not secrecy, and
     * UUID.randomUUID() would make every event loop queue on one shared SecureRandom.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
