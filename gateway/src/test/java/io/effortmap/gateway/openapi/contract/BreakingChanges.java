package io.effortmap.gateway.openapi.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes between a released OpenAPI 3.1 document (the baseline) and the current one that can break a client
 * written against the baseline. Additive changes (new paths, operations, optional parameters and request properties,
 * response properties, request enum values, wider request types, looser request constraints) are not reported.
 *
 * <p>A schema is compared in the direction data flows. In a request the client writes and the service reads, so the
 * service must go on accepting everything it accepted: no new required property or parameter, no property removed
 * (request bodies reject unknown properties), no type, enum value or constraint narrowed. In a response the service
 * writes and the client reads, so every value must still fit what clients were promised: no property removed or
 * renamed, none that was always present becoming optional, no type widened (a string becoming nullable breaks a
 * client as surely as one becoming a number). An enum value removed anywhere is reported; values added to response
 * enums are not (docs/api-contracts.md asks clients to tolerate unknown values). Also reported: a removed path,
 * operation, success status or media type, and a role losing access to an operation. A change inside a shared
 * component is reported once, at the first operation that reaches it.
 */
final class BreakingChanges {

    private enum Flow { REQUEST, RESPONSE }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private final JsonNode baselineDoc;
    private final JsonNode currentDoc;
    private final List<String> found = new ArrayList<>();
    /** Pairs of component schemas already compared in a flow: recursive schemas end there. */
    private final Set<String> compared = new HashSet<>();

    private BreakingChanges(JsonNode baselineDoc, JsonNode currentDoc) {
        this.baselineDoc = baselineDoc;
        this.currentDoc = currentDoc;
    }

    /** One line per breaking change, each naming the operation and where in it; empty when compatible. */
    static List<String> between(JsonNode baseline, JsonNode current) {
        BreakingChanges diff = new BreakingChanges(baseline, current);
        diff.paths();
        return List.copyOf(diff.found);
    }

    private void paths() {
        Map<String, String> currentPaths = new LinkedHashMap<>();
        currentDoc.path("paths").fieldNames().forEachRemaining(p -> currentPaths.put(templateShape(p), p));
        baselineDoc.path("paths").fields().forEachRemaining(entry -> {
            String path = entry.getKey();
            String currentPath = currentPaths.get(templateShape(path));
            if (currentPath == null) {
                found.add(path + ": path removed");
                return;
            }
            JsonNode basePathItem = entry.getValue();
            JsonNode currentPathItem = currentDoc.path("paths").path(currentPath);
            for (String method : METHODS) {
                if (!basePathItem.has(method)) {
                    continue;
                }
                String where = method.toUpperCase(Locale.ROOT) + " " + path;
                if (!currentPathItem.has(method)) {
                    found.add(where + ": operation removed");
                    continue;
                }
                operation(where, path, basePathItem, basePathItem.get(method), currentPath, currentPathItem,
                        currentPathItem.get(method));
            }
        });
    }

    /** Path parameters may be renamed ({id} to {surveyId}) without changing a single request on the wire. */
    private static String templateShape(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private void operation(String where, String basePath, JsonNode basePathItem, JsonNode base, String currentPath,
            JsonNode currentPathItem, JsonNode current) {
        parameters(where, parameters(basePath, basePathItem, base, baselineDoc),
                parameters(currentPath, currentPathItem, current, currentDoc));
        requestBody(where, resolve(baselineDoc, base.path("requestBody")), resolve(currentDoc, current.path("requestBody")));
        responses(where, base.path("responses"), current.path("responses"));
        roles(where, base, current);
    }

    // ---- parameters ------------------------------------------------------------------------------------------------

    /**
     * Path-level and operation-level parameters by {@code in:name} (header names are case-insensitive); path
     * parameters by their position in the template, since renaming one changes no request.
     */
    private static Map<String, JsonNode> parameters(String path, JsonNode pathItem, JsonNode operation, JsonNode doc) {
        List<String> placeholders = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(path);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                JsonNode resolved = resolve(doc, parameter);
                String in = resolved.path("in").asText();
                String name = resolved.path("name").asText();
                String key = switch (in) {
                    case "path" -> "path:" + placeholders.indexOf(name);
                    case "header" -> "header:" + name.toLowerCase(Locale.ROOT);
                    default -> in + ":" + name;
                };
                byKey.put(key, resolved);
            }
        }
        return byKey;
    }

    private void parameters(String where, Map<String, JsonNode> base, Map<String, JsonNode> current) {
        base.forEach((key, baseParameter) -> {
            JsonNode currentParameter = current.get(key);
            String label = parameterLabel(baseParameter);
            if (currentParameter == null) {
                found.add(where + ": " + label + " removed");
                return;
            }
            if (!baseParameter.path("required").asBoolean() && currentParameter.path("required").asBoolean()) {
                found.add(where + ": " + label + " became required");
            }
            schema(where + ": " + label, Flow.REQUEST, baseParameter.path("schema"), currentParameter.path("schema"));
        });
        current.forEach((key, currentParameter) -> {
            if (!base.containsKey(key) && currentParameter.path("required").asBoolean()) {
                found.add(where + ": new required " + parameterLabel(currentParameter));
            }
        });
    }

    private static String parameterLabel(JsonNode parameter) {
        return parameter.path("in").asText() + " parameter " + parameter.path("name").asText();
    }

    // ---- bodies ----------------------------------------------------------------------------------------------------

    private void requestBody(String where, JsonNode base, JsonNode current) {
        if (current.path("required").asBoolean() && !base.path("required").asBoolean()) {
            found.add(where + ": request body " + (base.isMissingNode() ? "added as required" : "became required"));
        }
        base.path("content").fields().forEachRemaining(entry -> {
            JsonNode currentMedia = current.path("content").path(entry.getKey());
            String label = where + ": request body " + entry.getKey();
            if (currentMedia.isMissingNode()) {
                found.add(label + " no longer accepted");
                return;
            }
            schema(label, Flow.REQUEST, entry.getValue().path("schema"), currentMedia.path("schema"));
        });
    }

    private void responses(String where, JsonNode base, JsonNode current) {
        base.fields().forEachRemaining(entry -> {
            String status = entry.getKey();
            JsonNode currentResponse = resolve(currentDoc, current.path(status));
            boolean success = status.startsWith("2");
            if (currentResponse.isMissingNode()) {
                if (success) {
                    found.add(where + ": response " + status + " removed");
                }
                return;
            }
            resolve(baselineDoc, entry.getValue()).path("content").fields().forEachRemaining(media -> {
                JsonNode currentMedia = currentResponse.path("content").path(media.getKey());
                String label = where + ": response " + status + " " + media.getKey();
                if (currentMedia.isMissingNode()) {
                    if (success) {
                        found.add(label + " removed");
                    }
                    return;
                }
                schema(label, Flow.RESPONSE, media.getValue().path("schema"), currentMedia.path("schema"));
            });
        });
    }

    /** Roles named by the operation's security requirements: one that could call it before must still be able to. */
    private void roles(String where, JsonNode base, JsonNode current) {
        Set<String> currentRoles = roles(current);
        for (String role : roles(base)) {
            if (!currentRoles.contains(role)) {
                found.add(where + ": role " + role + " no longer allowed");
            }
        }
    }

    private static Set<String> roles(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        return roles;
    }

    // ---- schemas ---------------------------------------------------------------------------------------------------

    private void schema(String where, Flow flow, JsonNode baseSchema, JsonNode currentSchema) {
        String baseRef = baseSchema.path("$ref").asText(null);
        String currentRef = currentSchema.path("$ref").asText(null);
        if (baseRef != null && currentRef != null && !compared.add(flow + " " + baseRef + " " + currentRef)) {
            return;
        }
        Schema base = Schema.of(baselineDoc, baseSchema);
        Schema current = Schema.of(currentDoc, currentSchema);
        types(where, flow, base, current);
        enums(where, flow, base.node(), current.node());
        if (flow == Flow.REQUEST) {
            constraints(where, base.node(), current.node());
        }
        String baseFormat = base.node().path("format").asText(null);
        String currentFormat = current.node().path("format").asText(null);
        if (baseFormat != null && !baseFormat.equals(currentFormat)) {
            found.add(where + ": format " + baseFormat + " changed to " + currentFormat);
        }
        properties(where, flow, base.node(), current.node());
        if (base.node().has("items") && current.node().has("items")) {
            schema(where + "[]", flow, base.node().get("items"), current.node().get("items"));
        }
        if (base.node().path("additionalProperties").isObject() && current.node().path("additionalProperties").isObject()) {
            schema(where + ".*", flow, base.node().get("additionalProperties"), current.node().get("additionalProperties"));
        }
    }

    private void types(String where, Flow flow, Schema base, Schema current) {
        if (flow == Flow.REQUEST) {
            // The service must accept every type it accepted; "any" accepts everything.
            if (!current.types().isEmpty() && (base.types().isEmpty() || !covers(current.types(), base.types()))) {
                found.add(where + ": accepted type " + describe(base.types()) + " narrowed to " + describe(current.types()));
            }
        } else if (!base.types().isEmpty() && (current.types().isEmpty() || !covers(base.types(), current.types()))) {
            found.add(where + ": type " + describe(base.types()) + " changed to " + describe(current.types()));
        }
    }

    /** Whether every type in {@code inner} is one of {@code outer}'s; an integer is also a number. */
    private static boolean covers(Set<String> outer, Set<String> inner) {
        for (String type : inner) {
            if (!outer.contains(type) && !(type.equals("integer") && outer.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Set<String> types) {
        return types.isEmpty() ? "any" : String.join("|", types);
    }

    private void enums(String where, Flow flow, JsonNode base, JsonNode current) {
        Set<String> baseValues = values(base.path("enum"));
        Set<String> currentValues = values(current.path("enum"));
        if (baseValues.isEmpty()) {
            if (flow == Flow.REQUEST && !currentValues.isEmpty()) {
                found.add(where + ": now restricted to " + currentValues);
            }
            return;
        }
        if (currentValues.isEmpty()) {
            return;
        }
        for (String value : baseValues) {
            if (!currentValues.contains(value)) {
                found.add(where + ": enum value " + value + " removed");
            }
        }
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Request constraints may only loosen: a value the service accepted must stay acceptable. */
    private void constraints(String where, JsonNode base, JsonNode current) {
        for (String upper : List.of("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")) {
            if (current.has(upper) && (!base.has(upper) || current.get(upper).decimalValue().compareTo(base.get(upper).decimalValue()) < 0)) {
                found.add(where + ": " + upper + " lowered to " + current.get(upper).asText());
            }
        }
        for (String lower : List.of("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")) {
            if (current.has(lower) && (!base.has(lower) || current.get(lower).decimalValue().compareTo(base.get(lower).decimalValue()) > 0)) {
                found.add(where + ": " + lower + " raised to " + current.get(lower).asText());
            }
        }
        if (current.has("pattern") && !current.get("pattern").equals(base.get("pattern"))) {
            found.add(where + ": pattern changed to " + current.get("pattern").asText());
        }
    }

    private void properties(String where, Flow flow, JsonNode base, JsonNode current) {
        JsonNode baseProperties = base.path("properties");
        JsonNode currentProperties = current.path("properties");
        Set<String> baseRequired = values(base.path("required"));
        Set<String> currentRequired = values(current.path("required"));
        baseProperties.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            String label = where + " ." + name;
            JsonNode currentProperty = currentProperties.get(name);
            if (currentProperty == null) {
                // A closed request body would now reject it; a response no longer carries it (removed or renamed).
                if (flow == Flow.RESPONSE || current.has("properties")) {
                    found.add(label + ": property removed");
                }
                return;
            }
            if (flow == Flow.RESPONSE && baseRequired.contains(name) && !currentRequired.contains(name)) {
                found.add(label + ": no longer always present");
            }
            if (flow == Flow.REQUEST && !baseRequired.contains(name) && currentRequired.contains(name)) {
                found.add(label + ": became required");
            }
            schema(label, flow, entry.getValue(), currentProperty);
        });
        if (flow == Flow.REQUEST) {
            for (String name : currentRequired) {
                if (!baseProperties.has(name)) {
                    found.add(where + " ." + name + ": new required property");
                }
            }
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 20 && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("Only local $refs are supported: " + ref);
            }
            current = doc.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("Unresolvable $ref " + ref);
            }
        }
        return current;
    }

    /**
     * A schema with its $ref resolved and the 3.1 nullable idiom ({@code anyOf: [X, {type: null}]}) folded into X's
     * types; an empty type set means any value.
     */
    private record Schema(JsonNode node, Set<String> types) {

        static Schema of(JsonNode doc, JsonNode raw) {
            JsonNode node = resolve(doc, raw);
            boolean nullable = false;
            for (String composition : List.of("anyOf", "oneOf")) {
                JsonNode branches = node.path(composition);
                if (branches.size() == 2 && isNull(branches.get(1)) != isNull(branches.get(0))) {
                    nullable = true;
                    node = resolve(doc, isNull(branches.get(0)) ? branches.get(1) : branches.get(0));
                } else if (!branches.isMissingNode()) {
                    throw new IllegalArgumentException("Only the nullable " + composition + " idiom is supported: " + branches);
                }
            }
            if (node.has("allOf")) {
                throw new IllegalArgumentException("allOf is not supported: " + node.get("allOf"));
            }
            Set<String> types = new LinkedHashSet<>();
            JsonNode type = node.path("type");
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else if (type.isTextual()) {
                types.add(type.asText());
            } else if (node.has("properties")) {
                types.add("object");
            }
            if ((nullable || node.path("nullable").asBoolean()) && !types.isEmpty()) {
                types.add("null");
            }
            return new Schema(node, types);
        }

        private static boolean isNull(JsonNode branch) {
            return branch.path("type").asText().equals("null");
        }
    }
}
