package io.effortmap.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin API and token endpoint, for tests that need identities the realm file does not define. Clients
 * are created in the running test stack only; the realm file (shared with k8s) stays as shipped.
 */
final class KeycloakAdmin {

    private KeycloakAdmin() {
    }

    /** A token of Keycloak's own administrator: issued by the {@code master} realm, not by {@code effortmap}. */
    static String masterAdminToken() {
        return given().baseUri(RunningStack.config.keycloakUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", RunningStack.config.credentials().keycloakAdminPassword()))
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * Creates a confidential client of the effortmap realm with a service account and the workspace claim
     * {@code acme}; {@code audience} adds the effortmap-api audience mapper, {@code attributes} e.g. a token lifespan.
     */
    static void createServiceClient(String clientId, String secret, boolean audience, Map<String, String> attributes) {
        List<Map<String, Object>> mappers = new java.util.ArrayList<>(List.of(Map.of(
                "name", "workspace", "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", "workspace", "claim.value", "acme", "jsonType.label", "String",
                        "access.token.claim", "true"))));
        if (audience) {
            mappers.add(Map.of("name", "audience effortmap-api", "protocol", "openid-connect",
                    "protocolMapper", "oidc-audience-mapper",
                    "config", Map.of("included.custom.audience", "effortmap-api", "access.token.claim", "true")));
        }
        given().baseUri(RunningStack.config.keycloakUrl()).auth().oauth2(masterAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "enabled", true, "publicClient", false, "secret", secret,
                        "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                        "directAccessGrantsEnabled", false, "attributes", attributes, "protocolMappers", mappers))
                .post("/admin/realms/effortmap/clients")
                .then().statusCode(201);
    }

    /**
     * Creates a public client of the effortmap realm like the web front end ({@code effortmap-web}): users sign in
     * through it (password grant here), their tokens carry the effortmap-api audience and their workspace attribute.
     */
    static void createUserClient(String clientId) {
        List<Map<String, Object>> mappers = List.of(
                Map.of("name", "audience effortmap-api", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.custom.audience", "effortmap-api", "access.token.claim", "true")),
                Map.of("name", "workspace", "protocol", "openid-connect", "protocolMapper", "oidc-usermodel-attribute-mapper",
                        "config", Map.of("user.attribute", "workspace", "claim.name", "workspace", "jsonType.label", "String",
                                "access.token.claim", "true")));
        given().baseUri(RunningStack.config.keycloakUrl()).auth().oauth2(masterAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "enabled", true, "publicClient", true, "standardFlowEnabled", false,
                        "directAccessGrantsEnabled", true, "protocolMappers", mappers))
                .post("/admin/realms/effortmap/clients")
                .then().statusCode(201);
    }

    /** A user's token through the given client (password grant). */
    static String userToken(String clientId, String username) {
        return given().baseUri(RunningStack.config.keycloakUrl()).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", clientId, "username", username,
                        "password", RunningStack.config.credentials().demoUserPassword()))
                .post("/realms/effortmap/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String clientToken(String clientId, String secret) {
        return RunningStack.api.clientToken(clientId, secret);
    }
}
