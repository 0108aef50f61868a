package io.effortmap.gateway.auth.rest;

import io.effortmap.gateway.auth.model.Caller;
import io.effortmap.gateway.auth.service.VerifiedTokenCache;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.ratelimit.service.RateLimiter;
import io.effortmap.gateway.routing.service.RouteTable;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every API call but the respondent endpoints needs a valid bearer token; the verified {@link Caller} is left in the
 * routing context for the rate limiter. Authentication runs here rather than as an HTTP permission so that a missing
 * or invalid token answers a problem+json 401 (Quarkus' own challenge has no body).
 */
@Singleton
public class BearerAuthentication implements Handler<RoutingContext> {

    /** Routing-context key of the verified {@link Caller}; absent on respondent endpoints. */
    public static final String CALLER = "effortmap.caller";
    /** Respondent endpoints (and pages, {@code /s/}): authorised by their single-use invitation token, checked by survey-service. */
    public static final String PUBLIC_PREFIX = "/api/v1/public/";

    private final VerifiedTokenCache verifiedTokens;

    BearerAuthentication(VerifiedTokenCache verifiedTokens) {
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith(PUBLIC_PREFIX) || path.startsWith(RouteTable.RESPONDENT_PAGES)) {
            ctx.next();
            return;
        }
        // The verdict is cached under the whole header value, so a known token costs one lookup and no copy.
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        Caller known = authorization == null ? null : verifiedTokens.get(authorization);
        if (known != null) {
            ctx.put(CALLER, known);
            ctx.next();
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> {
                    if (identity.isAnonymous()) {
                        unauthorized(ctx);
                        return;
                    }
                    Caller caller = caller(identity);
                    if (authorization != null && caller.expiresAtEpochSecond() > 0) {
                        verifiedTokens.put(authorization, caller);
                    }
                    ctx.put(CALLER, caller);
                    ctx.next();
                },
                failure -> {
                    if (!ctx.response().headWritten()) {
                        unauthorized(ctx);
                    }
                });
    }

    public static void unauthorized(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.send(ctx.response(), 401, "Unauthorized", "A valid bearer token is required", ctx.request().path());
    }

    /**
     * The token's client ({@code azp}) and its bucket: the user (subject) in its workspace through that client, so that
     * people using the same front end never share a bucket; a client-credentials token's subject is its client's own
     * service account, so a partner CRM has exactly one.
     */
    private static Caller caller(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object azp = token.getClaim("azp");
            String clientId = azp != null ? azp.toString() : identity.getPrincipal().getName();
            Object workspace = token.getClaim("workspace");
            return new Caller(clientId, RateLimiter.callerKey(clientId, token.getSubject(),
                    workspace == null ? null : workspace.toString()), token.getExpirationTime());
        }
        String name = identity.getPrincipal().getName();
        return new Caller(name, name, 0);
    }
}
