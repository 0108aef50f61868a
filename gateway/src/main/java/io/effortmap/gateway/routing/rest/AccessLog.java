package io.effortmap.gateway.routing.rest;

import io.effortmap.common.logging.RequestIds;
import io.effortmap.common.problem.LogSafe;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * One line per request (category {@code io.effortmap.gateway.access}): method, path with invitation tokens masked,
 * status (499 when the caller hung up before its answer began), duration, request id and trace id (the key to the
 * request's lines in every service). Built with one StringBuilder rather than a format string (no varargs array, no
 * boxing); the console handler is asynchronous (application.properties), so the event loop never waits for the log's
 * output.
 */
@Singleton
public class AccessLog implements Handler<RoutingContext> {

    private static final Logger ACCESS = Logger.getLogger("io.effortmap.gateway.access");
    /** The caller closed its connection before any answer was sent: nginx's "client closed request". */
    private static final int CALLER_GONE = 499;

    private final boolean enabled;

    AccessLog(GatewayConfig config) {
        this.enabled = config.accessLog();
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (enabled && ACCESS.isInfoEnabled()) {
            long start = System.nanoTime();
            SpanContext trace = Span.current().getSpanContext();
            String traceId = trace.isValid() ? trace.getTraceId() : "-";
            ctx.addEndHandler(ended -> log(ctx, traceId, start, ended.failed()));
        }
        ctx.next();
    }

    private static void log(RoutingContext ctx, String traceId, long startNanos, boolean failed) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        HttpServerRequest request = ctx.request();
        String requestId = request.getHeader(RequestIds.HEADER);
        StringBuilder line = new StringBuilder(128 + requestId.length())
                .append(request.method().name()).append(' ').append(LogSafe.path(request.path())).append(' ')
                .append(failed && !ctx.response().headWritten() ? CALLER_GONE : ctx.response().getStatusCode()).append(' ')
                .append(micros / 1000).append('.').append(micros / 100 % 10).append(" ms request-id=").append(requestId)
                .append(" trace-id=").append(traceId);
        ACCESS.info(line.toString());
    }
}
