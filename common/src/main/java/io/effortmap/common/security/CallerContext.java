package io.effortmap.common.security;

import io.effortmap.common.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller as the access token describes it. The workspace comes only from the token's {@code workspace} claim,
 * never from the request, so no client can reach into another tenant.
 */
@RequestScoped
public class CallerContext {

    public static final String WORKSPACE_CLAIM = "workspace";

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    public String workspace() {
        Object claim = token.getClaim(WORKSPACE_CLAIM);
        String workspace = claim == null ? null : claim.toString();
        if (workspace == null || workspace.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The access token carries no workspace claim", null, null);
        }
        return workspace;
    }

    /** The raw bearer token, forwarded to peer services so they apply the same workspace scope. */
    public String bearer() {
        return "Bearer " + token.getRawToken();
    }

    /** Client id of the caller ({@code azp}), recorded as the source of ingested data. */
    public String clientId() {
        Object azp = token.getClaim("azp");
        return azp == null ? identity.getPrincipal().getName() : azp.toString();
    }
}
