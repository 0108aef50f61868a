package io.effortmap.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Access tokens shaped like Keycloak's (realm roles, {@code workspace} and {@code azp} claims), signed with a test-only
 * key pair that ships in this module and is trusted nowhere else.
 */
public final class TestTokens {

    public static final String ISSUER = "https://keycloak.test/realms/effortmap";
    public static final String AUDIENCE = "effortmap-api";

    private TestTokens() {
    }

    public static String token(String workspace, String clientId, String... roles) {
        return expiringIn(600, workspace, clientId, roles);
    }

    public static String expiringIn(long seconds, String workspace, String clientId, String... roles) {
        return signed(seconds, clientId + "-" + workspace, workspace, clientId, roles);
    }

    /** A token of one person ({@code subject}) signed in through {@code clientId}, e.g. two users of effortmap-web. */
    public static String user(String subject, String workspace, String clientId, String... roles) {
        return signed(600, subject, workspace, clientId, roles);
    }

    private static String signed(long seconds, String subject, String workspace, String clientId, String... roles) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("azp", clientId)
                .claim("preferred_username", clientId)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresIn(seconds);
        if (workspace != null) {
            claims.claim("workspace", workspace);
        }
        return claims.jws().keyId("test").sign(privateKey());
    }

    public static String admin(String workspace) {
        return token(workspace, "effortmap-web", "cx-admin");
    }

    public static String analyst(String workspace) {
        return token(workspace, "effortmap-web", "cx-analyst");
    }

    public static String partner(String workspace) {
        return token(workspace, "crm-" + workspace, "crm-partner");
    }

    public static String service() {
        return token(null, "metrics-service", "effortmap-service");
    }

    static String publicKeyBase64() {
        return pemBody("public.pem");
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody("private.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Test private key is unreadable", e);
        }
    }

    private static String pemBody(String name) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/effortmap-test-keys/" + name)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
