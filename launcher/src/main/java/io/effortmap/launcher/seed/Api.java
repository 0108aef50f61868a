package io.effortmap.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.launcher.platform.LaunchException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A small client of the public API and of Keycloak's token endpoint, as any front end or CRM would use them. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Retries of a request answered 503, each after its Retry-After (at most 10 s). */
    private static final int MAX_RETRIES = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String tokenEndpoint;

    public Api(String gateway, String issuer) {
        this.gateway = gateway;
        this.tokenEndpoint = issuer + "/protocol/openid-connect/token";
    }

    /** Access token of a user, by the password grant of the public front-end client (local demo use only). */
    public String userToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", "effortmap-web", "username", username, "password", password));
    }

    /** Access token of a confidential client (partner CRM or service account). */
    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    public JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).GET(), token, 200);
    }

    public JsonNode post(String path, Object body, String token, int expectedStatus) {
        return post(path, body, token, expectedStatus, Map.of());
    }

    /** A POST changing an object of the given version (the ETag of the caller's last read): sends it as If-Match. */
    public JsonNode post(String path, Object body, String token, int expectedStatus, long ifMatch) {
        return post(path, body, token, expectedStatus, Map.of("If-Match", "\"" + ifMatch + "\""));
    }

    private JsonNode post(String path, Object body, String token, int expectedStatus, Map<String, String> headers) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("Content-Type", "application/json")
                    // Makes the retries after a 503 (below) safe: a create that went through is answered again.
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            headers.forEach(builder::header);
            return send(builder, token, expectedStatus);
        } catch (IOException e) {
            throw new LaunchException("Could not encode a request to " + path + ": " + e.getMessage());
        }
    }

    private JsonNode send(HttpRequest.Builder builder, String token, int expectedStatus) {
        HttpRequest request = builder.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = exchange(request);
        // As the API asks of every client: a 503 (a store or service briefly unavailable) is retried after Retry-After.
        for (int retry = 1; response.statusCode() == 503 && retry <= MAX_RETRIES; retry++) {
            pause(response.headers().firstValue("Retry-After").map(Api::seconds).orElse(1L));
            response = exchange(request);
        }
        if (response.statusCode() != expectedStatus) {
            throw new LaunchException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + response.body());
        }
        return read(response.body());
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.min(Math.max(Long.parseLong(retryAfter.trim()), 1), 10);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != 200) {
            throw new LaunchException("Keycloak refused a token for " + form.getOrDefault("username", form.get("client_id"))
                    + ": " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LaunchException(request.method() + " " + request.uri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new LaunchException("Unreadable JSON answer: " + body);
        }
    }
}
