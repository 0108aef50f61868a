package io.effortmap.gateway.openapi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges the services' OpenAPI documents into the one public document: only {@code /api/v1/} paths, shared schemas
 * kept once, clashing schemas renamed per service, the security schemes of Keycloak, and what the gateway itself adds
 * to every operation (its rate limit: a 429 with {@code Retry-After} and the {@code RateLimit-*} headers). Pure, so it
 * is unit tested.
 */
public final class OpenApiMerger {

    private static final String SCHEMA_REF = "#/components/schemas/";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    private static final String[][] RATE_LIMIT_HEADERS = {
            {"RateLimit-Limit", "Requests the caller's bucket holds (its burst)"},
            {"RateLimit-Remaining", "Requests left in the bucket after this one"},
            {"RateLimit-Reset", "Seconds until the bucket is full again"},
            {"Retry-After", "Seconds until the next request can succeed (429 and 503 only)"}};

    private final ObjectMapper json;

    public OpenApiMerger(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param documents service name → that service's document, in the order they should appear
     * @param issuer the Keycloak realm URL browsers reach, for the OpenID Connect scheme
     */
    public ObjectNode merge(Map<String, JsonNode> documents, java.util.Optional<String> issuer) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.set("info", json.createObjectNode()
                .put("title", "Effortmap public API")
                .put("version", "1.0.0")
                .put("description", "Journeys, surveys, responses and CX metrics. Every operation needs a Keycloak "
                        + "access token except /api/v1/public/**, which respondents reach with invitation tokens. "
                        + "Every operation is rate-limited by the gateway: one token bucket per user and workspace "
                        + "(per client for client-credentials tokens), one per IP address on /api/v1/public/**. Every "
                        + "answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; an empty bucket "
                        + "answers 429 with Retry-After. Paths with dot segments (also encoded), empty segments, ';', "
                        + "backslashes or encoded control characters answer 400."));
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = json.createObjectNode();
        java.util.Set<String> usedTags = new java.util.HashSet<>();
        Map<String, JsonNode> tagsByName = new java.util.LinkedHashMap<>();
        documents.forEach((service, document) -> {
            JsonNode own = document.deepCopy();
            Map<String, String> renames = new HashMap<>();
            own.path("components").path("schemas").fields().forEachRemaining(entry -> {
                JsonNode existing = schemas.get(entry.getKey());
                if (existing != null && !existing.equals(entry.getValue())) {
                    renames.put(entry.getKey(), capitalize(service) + entry.getKey());
                }
            });
            if (!renames.isEmpty()) {
                rewriteRefs(own, renames);
            }
            own.path("components").path("schemas").fields().forEachRemaining(entry ->
                    schemas.set(renames.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue()));
            own.path("paths").fields().forEachRemaining(entry -> {
                if (entry.getKey().startsWith("/api/v1/")) {
                    paths.set(entry.getKey(), publicOperations(entry.getKey(), entry.getValue()));
                    entry.getValue().forEach(operation -> operation.path("tags").forEach(tag -> usedTags.add(tag.asText())));
                }
            });
            own.path("tags").forEach(tag -> tagsByName.putIfAbsent(tag.path("name").asText(), tag));
        });
        ObjectNode components = merged.putObject("components");
        components.set("schemas", schemas);
        rateLimitComponents(components);
        ObjectNode schemes = components.putObject("securitySchemes");
        ArrayNode security = merged.putArray("security");
        issuer.ifPresent(url -> {
            schemes.putObject("keycloak").put("type", "openIdConnect")
                    .put("openIdConnectUrl", url + "/.well-known/openid-configuration");
            security.addObject().putArray("keycloak");
        });
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        security.addObject().putArray("bearer");
        // Only tags of public operations: a tag used only by internal feeds would show as an empty section.
        ArrayNode tags = json.createArrayNode();
        tagsByName.forEach((name, tag) -> {
            if (usedTags.contains(name)) {
                tags.add(tag);
            }
        });
        if (!tags.isEmpty()) {
            merged.set("tags", tags);
        }
        return merged;
    }

    /**
     * Respondent endpoints are open ({@code security: []}); every other operation needs a token (the global
     * requirement). The roles a service declared as the scopes of its own requirement become {@code x-roles}, which
     * the role-matrix test reads so that no operation escapes it.
     */
    private JsonNode publicOperations(String path, JsonNode pathItem) {
        ObjectNode item = (ObjectNode) pathItem;
        item.fields().forEachRemaining(operation -> {
            if (operation.getValue() instanceof ObjectNode op) {
                java.util.TreeSet<String> roles = new java.util.TreeSet<>();
                op.path("security").forEach(requirement -> requirement.fields()
                        .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                ObjectNode responses = op.has("responses") && op.get("responses") instanceof ObjectNode existing
                        ? existing : op.putObject("responses");
                if (!responses.has("429")) {
                    responses.putObject("429").put("$ref", "#/components/responses/" + TOO_MANY_REQUESTS);
                }
                if (path.startsWith("/api/v1/public/")) {
                    op.putArray("security");
                } else {
                    op.remove("security");
                    if (!roles.isEmpty()) {
                        roles.forEach(op.putArray("x-roles")::add);
                    }
                }
            }
        });
        return item;
    }

    /** The 429 every operation can answer, and the rate-limit headers (defined once, referenced by the 429). */
    private void rateLimitComponents(ObjectNode components) {
        ObjectNode headers = components.putObject("headers");
        ObjectNode tooMany = components.putObject("responses").putObject(TOO_MANY_REQUESTS)
                .put("description", "The caller's rate limit is exhausted; retry after Retry-After seconds");
        ObjectNode responseHeaders = tooMany.putObject("headers");
        for (String[] header : RATE_LIMIT_HEADERS) {
            headers.putObject(header[0]).put("description", header[1])
                    .putObject("schema").put("type", "integer").put("minimum", 0);
            responseHeaders.putObject(header[0]).put("$ref", "#/components/headers/" + header[0]);
        }
        ObjectNode media = tooMany.putObject("content").putObject("application/problem+json");
        ObjectNode problem = media.putObject("schema").put("type", "object");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        media.putObject("example")
                .put("type", "about:blank").put("title", "Too Many Requests").put("status", 429)
                .put("detail", "Rate limit exceeded; retry after 1 s").put("instance", "/api/v1/journeys");
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String name = ref.asText().substring(SCHEMA_REF.length());
                if (renames.containsKey(name)) {
                    object.put("$ref", SCHEMA_REF + renames.get(name));
                }
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                rewriteRefs(it.next(), renames);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static String capitalize(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
