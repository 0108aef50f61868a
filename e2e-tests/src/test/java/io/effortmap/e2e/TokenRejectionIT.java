package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.alice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens the gateway must refuse, built from real tokens of the real Keycloak: each answers 401 problem+json before
 * reaching a service, while the genuine token it was made from is accepted on the same call.
 */
@ExtendWith(RunningStack.class)
class TokenRejectionIT {

    private static final String CALL = "/api/v1/journeys";

    @Test
    void genuineTokenIsAcceptedSoTheRejectionsBelowAreAboutTheTampering() {
        given().auth().oauth2(alice).get(CALL).then().statusCode(200);
    }

    @Test
    void expiredTokenIsRejectedAlthoughTheGatewayHadAcceptedIt() throws InterruptedException {
        KeycloakAdmin.createServiceClient("e2e-short-lived", "e2e-short-lived-secret", true,
                Map.of("access.token.lifespan", "3"));
        String token = KeycloakAdmin.clientToken("e2e-short-lived", "e2e-short-lived-secret");
        long expiresAt = Jwts.payload(token).get("exp").asLong();
        assertThat(expiresAt - Jwts.payload(token).get("iat").asLong()).isBetween(1L, 3L);
        // Valid: authenticated, then refused by journey-service for lack of a role. The gateway has now cached it.
        given().auth().oauth2(token).get(CALL).then().statusCode(403);
        long waitMillis = expiresAt * 1000 + 1500 - System.currentTimeMillis();
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        unauthorized(token);
    }

    @Test
    void tokenWithAlteredPayloadAndItsOriginalSignatureIsRejected() {
        ObjectNode payload = Jwts.payload(alice);
        assertThat(payload.get("workspace").asText()).isEqualTo("acme");
        payload.put("workspace", "globex");
        unauthorized(Jwts.encode(Jwts.header(alice)) + "." + Jwts.encode(payload) + "." + Jwts.signature(alice));
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        ObjectNode header = Jwts.object("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String body = Jwts.encode(Jwts.payload(alice));
        unauthorized(Jwts.encode(header) + "." + body + ".");
        unauthorized(Jwts.encode(header) + "." + body);
    }

    /**
     * The key-confusion attack: HS256 with the realm's RSA public key (public, from the realm endpoint) as the HMAC
     * secret, in the PEM text and in the DER bytes a naive verifier might use.
     */
    @Test
    void hs256TokenSignedWithTheRealmsPublicKeyIsRejected() throws Exception {
        String publicKey = given().baseUri(RunningStack.config.issuer()).get("").then().statusCode(200)
                .extract().path("public_key");
        assertThat(publicKey).isNotBlank();
        byte[] der = Base64.getDecoder().decode(publicKey);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        ObjectNode header = Jwts.header(alice);
        header.put("alg", "HS256");
        String unsigned = Jwts.encode(header) + "." + Jwts.encode(Jwts.payload(alice));
        for (byte[] secret : new byte[][] {pem.getBytes(StandardCharsets.US_ASCII), der, publicKey.getBytes(StandardCharsets.US_ASCII)}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            unauthorized(unsigned + "." + Jwts.encode(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void tokenOfAnotherIssuerIsRejected() {
        String master = KeycloakAdmin.masterAdminToken();
        assertThat(Jwts.payload(master).get("iss").asText()).endsWith("/realms/master");
        unauthorized(master);
    }

    /** Signed by the realm itself and unexpired, but not meant for the API: no effortmap-api audience. */
    @Test
    void tokenOfTheRealmWithoutTheApiAudienceIsRejected() {
        KeycloakAdmin.createServiceClient("e2e-no-audience", "e2e-no-audience-secret", false, Map.of());
        String token = KeycloakAdmin.clientToken("e2e-no-audience", "e2e-no-audience-secret");
        ObjectNode payload = Jwts.payload(token);
        assertThat(payload.get("iss").asText()).isEqualTo(RunningStack.config.issuer());
        assertThat(payload.path("aud").toString()).doesNotContain("effortmap-api");
        unauthorized(token);
    }

    private static ValidatableResponse unauthorized(String token) {
        return given().auth().oauth2(token).get(CALL)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
    }
}
