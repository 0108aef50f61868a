package io.effortmap.gateway.routing.rest;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which headers cross the gateway: every end-to-end header in both directions, none of the connection-specific ones
 * (RFC 9110 section 7.6.1), plus X-Forwarded-For and X-Forwarded-Proto towards the service. The trace context headers
 * ({@code traceparent}, {@code tracestate}, {@code baggage}) towards the service are those of the gateway's own span
 * (OpenTelemetry's propagators), not the caller's (with tracing disabled, the caller's pass unchanged).
 */
@Singleton
public class ForwardedHeaders {

    /** RFC 9110 §7.6.1 connection-specific headers, plus Host, which is the upstream's own. */
    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host"};
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
    private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");

    private static final TextMapSetter<MultiMap> SET_HEADER = (headers, name, value) -> headers.set(name, value);

    /** Not copied towards the service: hop-by-hop headers and those the trace propagator writes itself. */
    private final String[] notForwarded;
    private final TextMapPropagator propagator;

    ForwardedHeaders(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.notForwarded = Stream.concat(Stream.of(HOP_BY_HOP),
                        openTelemetry.getPropagators().getTextMapPropagator().fields().stream()
                                .map(field -> field.toLowerCase(Locale.ROOT)))
                .distinct().toArray(String[]::new);
    }

    /** The caller's request headers as the service gets them. */
    void towardsService(HttpServerRequest request, MultiMap to) {
        copy(request.headers(), to, notForwarded);
        propagator.inject(Context.current(), to, SET_HEADER);
        // The connection's own scheme: request.scheme() and request.isSSL() parse Forwarded headers on every request.
        to.set(X_FORWARDED_PROTO, request.connection().isSsl() ? HTTPS : HTTP);
        if (request.remoteAddress() != null) {
            to.add(X_FORWARDED_FOR, request.remoteAddress().hostAddress());
        }
    }

    /** A service's answer headers as the caller gets them. */
    static void towardsCaller(MultiMap from, MultiMap to) {
        copy(from, to, HOP_BY_HOP);
    }

    private static void copy(MultiMap from, MultiMap to, String[] skipped) {
        from.forEach(entry -> {
            if (!isOneOf(entry.getKey(), skipped)) {
                to.add(entry.getKey(), entry.getValue());
            }
        });
    }

    /** Compared in place: lower-casing every header name would allocate a String per header per request. */
    private static boolean isOneOf(String name, String[] names) {
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
