package io.effortmap.gateway.routing.rest;

import io.effortmap.common.logging.RequestIds;
import io.effortmap.common.problem.LogSafe;
import io.effortmap.common.rest.CanonicalPath;
import io.effortmap.gateway.auth.service.VerifiedTokenCache;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.effortmap.gateway.routing.service.RouteTable;
import io.effortmap.gateway.routing.service.RouteTable.Target;
import io.effortmap.gateway.ratelimit.service.RateLimitDecision;
import io.effortmap.gateway.ratelimit.service.RateLimiter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Streams {@code /api/v1/**} to the owning service over pooled keep-alive connections. Bodies are piped in both
 * directions, never buffered whole. Authentication has already run (HTTP permissions in application.properties).
 */
@ApplicationScoped
public class ProxyRoute {

    public static final String REQUEST_ID = RequestIds.HEADER;
    /** Respondent endpoints: authorised by their single-use invitation token, checked by survey-service. */
    private static final String PUBLIC_PREFIX = "/api/v1/public/";
    private static final Logger LOG = Logger.getLogger(ProxyRoute.class);
    /** One line per request (id, method, masked path, status, duration); its own category so it can be tuned. */
    private static final Logger ACCESS = Logger.getLogger("io.effortmap.gateway.access");
    /** RFC 9110 §7.6.1 connection-specific headers, plus Host which is the upstream's own. */
    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host"};
    /** Context key Quarkus' HTTP metrics read the {@code uri} tag from; one value per route keeps it bounded. */
    private static final String METRICS_URI = "UrlPathTemplate";
    private static final String UNKNOWN_ROUTE = RouteTable.API_PREFIX + "*";
    private static final CharSequence LOCATION = HttpHeaders.LOCATION;
    /** An upstream that failed its readiness probes is probed every 500 ms; its recovery is seen within seconds. */
    private static final String NOT_READY_RETRY_AFTER = "2";

    private final RouteTable routes;
    private final RateLimiter limiter;
    private final VerifiedTokenCache verifiedTokens;
    private final Set<String> mediaTypes;
    private final Set<String> trustedProxies;
    private final boolean accessLog;
    /**
     * One client per event loop: a client's connections belong to the loop that opened them, so with one shared pool a
     * request on one loop was often handed a connection of another, and each exchange hopped threads twice.
     */
    private final ThreadLocal<HttpClient> clients;
    private final List<HttpClient> opened = new CopyOnWriteArrayList<>();

    ProxyRoute(RouteTable routes, RateLimiter limiter, VerifiedTokenCache verifiedTokens, GatewayConfig config,
            Vertx vertx) {
        this.routes = routes;
        this.limiter = limiter;
        this.verifiedTokens = verifiedTokens;
        this.mediaTypes = Set.copyOf(config.requestMediaTypes());
        this.trustedProxies = config.trustedProxies().orElse(Set.of());
        this.accessLog = config.accessLog();
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000)
                .setDecompressionSupported(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()).setMaxWaitQueueSize(10_000);
        this.clients = ThreadLocal.withInitial(() -> {
            HttpClient client = vertx.createHttpClient(options, pool);
            opened.add(client);
            return client;
        });
    }

    void register(@Observes Router router) {
        router.route("/api/v1/*").handler(this::proxy).failureHandler(ProxyRoute::failed);
        router.route().order(Integer.MIN_VALUE).handler(this::requestId);
    }

    void close(@Observes ShutdownEvent event) {
        opened.forEach(HttpClient::close);
    }

    /**
     * Keeps a sane caller id (it ends up in log lines) or makes one; echoes it, forwards it, logs the request. Then
     * refuses paths that do not mean the same to every component ({@link CanonicalPath}): everything after this reads
     * the raw path (routing, the public/authenticated split, rate limiting) and forwards it as received, while the
     * router and the services match on a normalized one, so the two must be equal.
     */
    private void requestId(RoutingContext ctx) {
        String id = ctx.request().getHeader(REQUEST_ID);
        if (!RequestIds.acceptable(id)) {
            id = newRequestId();
            ctx.request().headers().set(REQUEST_ID, id);
        }
        ctx.response().putHeader(REQUEST_ID, id);
        if (accessLog && ACCESS.isInfoEnabled()) {
            long start = System.nanoTime();
            String requestId = id;
            ctx.addEndHandler(ended -> logAccess(ctx, requestId, start));
        }
        String violation = CanonicalPath.violation(ctx.request().path());
        if (violation != null) {
            ProblemResponses.send(ctx.response(), 400, "Bad Request", "Ambiguous path: " + violation, null);
            return;
        }
        ctx.next();
    }

    /**
     * Built with one StringBuilder rather than a format string (no varargs array, no boxing); the console handler is
     * asynchronous (application.properties), so the event loop never waits for the log's output.
     */
    private static void logAccess(RoutingContext ctx, String requestId, long startNanos) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        HttpServerRequest request = ctx.request();
        StringBuilder line = new StringBuilder(96 + requestId.length())
                .append(request.method().name()).append(' ').append(LogSafe.path(request.path())).append(' ')
                .append(ctx.response().getStatusCode()).append(' ')
                .append(micros / 1000).append('.').append(micros / 100 % 10).append(" ms request-id=").append(requestId);
        ACCESS.info(line.toString());
    }

    /**
     * Authentication runs here rather than as an HTTP permission so that a missing or invalid token answers a
     * problem+json 401 (Quarkus' own challenge has no body). The request stays paused until it is forwarded.
     */
    private void proxy(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        Target target = routes.resolve(request.path()).orElse(null);
        // Read from the request's own context by Quarkus' HTTP server metrics (as RESTEasy Reactive sets it).
        ((HttpServerRequestInternal) request).context().putLocal(METRICS_URI, target == null ? UNKNOWN_ROUTE : target.metricsUri());
        if (target == null) {
            ProblemResponses.send(ctx.response(), 404, "Not Found", "No such API resource", request.path());
            return;
        }
        if (!acceptableBody(ctx, target)) {
            return;
        }
        if (request.path().startsWith(PUBLIC_PREFIX)) {
            forwardWithin(limiter.forPublicCaller(callerIp(request)), ctx, target);
            return;
        }
        // The verdict is cached under the whole header value, so a known token costs one lookup and no copy.
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        VerifiedTokenCache.Verified known = authorization == null ? null : verifiedTokens.get(authorization);
        if (known != null) {
            forwardWithin(limiter.forCaller(known.callerKey(), known.clientId()), ctx, target);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> {
                    if (identity.isAnonymous()) {
                        unauthorized(ctx);
                        return;
                    }
                    String clientId = clientId(identity);
                    String callerKey = callerKey(identity, clientId);
                    if (authorization != null && identity.getPrincipal() instanceof JsonWebToken jwt
                            && jwt.getExpirationTime() > 0) {
                        verifiedTokens.put(authorization,
                                new VerifiedTokenCache.Verified(clientId, callerKey, jwt.getExpirationTime()));
                    }
                    forwardWithin(limiter.forCaller(callerKey, clientId), ctx, target);
                },
                failure -> {
                    if (!ctx.response().headWritten()) {
                        unauthorized(ctx);
                    }
                });
    }

    /** 413 for a declared body over the route's limit, 415 for a body that is not JSON (or NDJSON). */
    private boolean acceptableBody(RoutingContext ctx, Target target) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
        long declared = parseLength(length);
        if (declared > target.maxBodyBytes()) {
            ProblemResponses.send(ctx.response(), 413, "Content Too Large",
                    "The body exceeds " + target.maxBodyBytes() + " bytes", request.path());
            return false;
        }
        boolean hasBody = chunked || declared > 0;
        if (hasBody && !acceptedMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ProblemResponses.send(ctx.response(), 415, "Unsupported Media Type",
                    "Send the body as one of " + String.join(", ", mediaTypes), request.path());
            return false;
        }
        return true;
    }

    private boolean acceptedMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mediaTypes.contains(type) || type.endsWith("+json");
    }

    private static long parseLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The respondent's address: the nearest X-Forwarded-For hop when the connection comes from a trusted proxy. */
    private String callerIp(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
    }

    private static String clientId(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("azp") != null) {
            return token.getClaim("azp").toString();
        }
        return identity.getPrincipal().getName();
    }

    private static String callerKey(SecurityIdentity identity, String clientId) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object workspace = token.getClaim("workspace");
            return RateLimiter.callerKey(clientId, token.getSubject(), workspace == null ? null : workspace.toString());
        }
        return clientId;
    }

    /** Applies the rate-limit decision: RateLimit-* headers on every answer, 429 with Retry-After when exhausted. */
    private void forwardWithin(RateLimitDecision decision, RoutingContext ctx, Target target) {
        if (decision.limit() > 0) {
            ctx.response().putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
                    .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()))
                    .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        }
        if (!decision.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            ProblemResponses.send(ctx.response(), 429, "Too Many Requests",
                    "Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s", ctx.request().path());
            return;
        }
        forward(ctx, target, ctx.request().uri());
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

    /** A failed lazy authentication also fails the context; answer once, never with Quarkus' HTML error page. */
    private static void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (ctx.failure() instanceof io.quarkus.security.AuthenticationException) {
            unauthorized(ctx);
        } else {
            LOG.errorf(ctx.failure(), "Proxying %s failed (request-id=%s)", LogSafe.path(ctx.request().path()),
                    ctx.request().getHeader(REQUEST_ID));
            ProblemResponses.send(ctx.response(), 500, "Internal Server Error", "The gateway failed", ctx.request().path());
        }
    }

    private static void unauthorized(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.send(ctx.response(), 401, "Unauthorized", "A valid bearer token is required", ctx.request().path());
    }

    private void forward(RoutingContext ctx, Target target, String uri) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        request.pause();
        if (!target.breaker().allowRequest()) {
            response.putHeader("Retry-After", Long.toString(target.breaker().retryAfterSeconds()));
            ProblemResponses.send(response, 503, "Service Unavailable",
                    target.service() + " is unavailable (circuit open)", request.path());
            return;
        }
        if (!target.health().isUp()) {
            response.putHeader("Retry-After", NOT_READY_RETRY_AFTER);
            ProblemResponses.send(response, 503, "Service Unavailable",
                    target.service() + " is not ready (" + target.health().reason() + ")", request.path());
            return;
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyHeaders(request.headers(), headers);
        // The connection's own scheme: request.scheme() would parse Forwarded headers on every request.
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (request.remoteAddress() != null) {
            headers.add("X-Forwarded-For", request.remoteAddress().hostAddress());
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setURI(uri)
                .setIdleTimeout(target.timeoutMillis())
                .setHeaders(headers);
        // A service that stops answering while this request waits for it: 503 once its readiness probes fail.
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        if (target.health().url() != null) {
            Context requestContext = Vertx.currentContext();
            Runnable stopWaiting = target.health().whileWaiting(() -> requestContext.runOnContext(ignored -> {
                if (!response.headWritten()) {
                    response.putHeader("Retry-After", NOT_READY_RETRY_AFTER);
                    ProblemResponses.send(response, 503, "Service Unavailable",
                            target.service() + " stopped answering", request.path());
                    HttpClientRequest pending = sent.get();
                    if (pending != null) {
                        pending.reset(); // frees the pooled connection; its failure finds the answer given
                    }
                }
            }));
            ctx.addEndHandler(ended -> stopWaiting.run());
        }
        clients.get().request(options)
                .onFailure(failure -> upstreamFailed(ctx, target, failure))
                .onSuccess(upstream -> {
                    sent.set(upstream);
                    upstream.send(request)
                            .onFailure(failure -> upstreamFailed(ctx, target, failure))
                            .onSuccess(reply -> {
                                target.breaker().onSuccess();
                                relay(reply, response, target);
                            });
                });
    }

    private static void relay(HttpClientResponse reply, HttpServerResponse response, Target target) {
        int status = reply.statusCode();
        response.setStatusCode(status);
        response.setStatusMessage(reply.statusMessage());
        MultiMap headers = response.headers();
        copyHeaders(reply.headers(), headers);
        SecurityHeaders.addMissing(headers);
        if (status == 201 || status == 202 || status >= 300 && status < 400) {
            publicLocation(headers, target);
        }
        if (reply.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        reply.pipeTo(response);
    }

    /**
     * A service that builds an absolute URL names itself as the gateway reached it ({@code http://survey-service:8080});
     * callers get the path as a relative reference instead, which resolves against the URL they called, whatever
     * host, scheme and ingress lie in between (RFC 9110 section 10.2.2 allows relative Location values).
     */
    private static void publicLocation(MultiMap headers, Target target) {
        String location = headers.get(LOCATION);
        String origin = target.origin();
        if (location != null && location.length() > origin.length()
                && location.regionMatches(true, 0, origin, 0, origin.length())
                && location.charAt(origin.length()) == '/') {
            headers.set(LOCATION, location.substring(origin.length()));
        }
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(entry -> {
            if (!isHopByHop(entry.getKey())) {
                to.add(entry.getKey(), entry.getValue());
            }
        });
    }

    /** Compared in place: lower-casing every header name would allocate a String per header per request. */
    private static boolean isHopByHop(String name) {
        for (String hopByHop : HOP_BY_HOP) {
            if (hopByHop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static void upstreamFailed(RoutingContext ctx, Target target, Throwable failure) {
        if (ctx.response().ended()) {
            return; // already answered: the service stopped answering and the wait was given up
        }
        target.breaker().onFailure();
        String path = ctx.request().path();
        String logged = LogSafe.path(path);
        if (isTimeout(failure)) {
            LOG.warnf("%s timed out for %s (request-id=%s)", target.service(), logged, ctx.request().getHeader(REQUEST_ID));
            ProblemResponses.send(ctx.response(), 504, "Gateway Timeout", target.service() + " did not answer in time", path);
        } else {
            LOG.warnf("%s unavailable for %s (request-id=%s): %s", target.service(), logged,
                    ctx.request().getHeader(REQUEST_ID), failure.toString());
            ctx.response().putHeader("Retry-After", "5");
            ProblemResponses.send(ctx.response(), 503, "Service Unavailable", target.service() + " is unavailable", path);
        }
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException;
    }
}
