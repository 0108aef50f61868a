package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.adam;
import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.crmAcme;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's probe suite: for every operation of the gateway's merged OpenAPI document (so no endpoint can be left
 * out), bad input of every kind an attacker or a careless client sends, one kind at a time on top of a request that
 * is otherwise valid (the operation's own example, with ids of real objects). Every probe must answer a 4xx
 * {@code application/problem+json}, never a 5xx and never a success; where a field, parameter or header is at fault,
 * the problem must name it in {@code errors[].field} (bulk endpoints, which judge each item on its own, may instead
 * answer 200 with every item rejected naming the field).
 *
 * <p>Probes per operation: malformed JSON, a repeated key, a wrong type per field, U+0000 and another control
 * character (ESC, DEL, a C1 control, an unpaired surrogate, BEL in turn) per string field, an oversized value per
 * string field, an unknown field, an unknown query parameter, U+0000 per query parameter, malformed ids of every shape
 * per path parameter, and dot-segment and encoded paths.
 */
@ExtendWith(RunningStack.class)
class ApiProbeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    private static final String JSON_MEDIA = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String NDJSON = "application/x-ndjson";
    /** Stands in for a probe value in a serialized body, replaced by its raw JSON text (escapes kept as sent). */
    private static final String SLOT = "@@probe@@";
    private static final List<String> OTHER_CONTROLS = List.of("\\u001b[2J", "\\u007f", "\\u0085", "\\ud800", "\\u0007");
    private static final int UNLIMITED_PROBE = 100_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger forwardedIp = new AtomicInteger(1);
    private Fixtures fixtures;
    private JsonNode document;

    /** Real objects of workspace acme, so that probes reach each operation's validation, not a 404 for the id. */
    private record Fixtures(String persona, String journey, String stage, String touchpoint, String opportunity,
            String survey, String response, String token, String rule, String webhook) {
    }

    private record Operation(String method, String path, JsonNode operation) {

        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    private record Answer(int status, String contentType, JsonNode body, String raw) {
    }

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersBadInputWithA4xxProblemNamingTheField() {
        document = send("GET", "/openapi", null, null, Map.of()).body();
        fixtures = fixtures();
        long started = System.nanoTime();
        List<DynamicNode> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                Operation operation = new Operation(op.getKey(), path.getKey(), op.getValue());
                operations.add(DynamicContainer.dynamicContainer(operation.name(), probes(operation)));
            }
        }));
        assertThat(operations).hasSizeGreaterThan(50);
        return Stream.concat(operations.stream(), Stream.of(
                DynamicContainer.dynamicContainer("whole paths with dot segments", pathNormalization()),
                DynamicTest.dynamicTest("summary", () -> System.out.printf("[probes] %d requests in %d s%n", sent.get(),
                        Duration.ofNanos(System.nanoTime() - started).toSeconds()))));
    }

    // ---- probes of one operation ----------------------------------------------------------------------------

    private Stream<DynamicNode> probes(Operation op) {
        List<DynamicNode> probes = new ArrayList<>();
        JsonNode content = op.operation().path("requestBody").path("content");
        JsonNode schema = requestSchema(op);
        JsonNode example = example(op);
        if (content.has(JSON_MEDIA)) {
            if (schema == null || example == null) {
                // Without an example the body probes could not reach the fields: an operation must not escape them.
                probes.add(test("a request example to probe with", () -> assertThat(example)
                        .as("%s documents a JSON body without an object example to probe with", op.name()).isNotNull()));
            } else {
                probes.add(test("malformed JSON", () -> expectField(op, JSON_MEDIA, malformed(example), "body")));
                probes.add(test("a repeated key", () -> repeatedKey(op, JSON_MEDIA, example)));
                probes.add(test("unknown fields", () -> unknownFields(op, schema, example)));
                probes.add(test("wrong types", () -> wrongTypes(op, schema, example)));
                probes.add(test("control characters in string fields", () -> strings(op, JSON_MEDIA, schema, example, true)));
                probes.add(test("oversized string fields", () -> strings(op, JSON_MEDIA, schema, example, false)));
                probes.add(test("malformed ids in body fields", () -> malformedBodyIds(op, schema, example)));
            }
        }
        for (String media : List.of(MERGE_PATCH, NDJSON)) {
            if (content.has(media) && schema != null && example != null) {
                JsonNode item = example.isArray() ? example.get(0) : example;
                probes.add(test(media + ": malformed JSON", () -> expectField(op, media, malformed(item),
                        media.equals(NDJSON) ? "item" : "body")));
                probes.add(test(media + ": a repeated key", () -> repeatedKey(op, media, item)));
                probes.add(test(media + ": control characters in string fields",
                        () -> strings(op, media, example.isArray() ? resolve(schema.path("items")) : schema, item, true)));
            }
        }
        probes.add(test("an unknown query parameter", () -> {
            Answer answer = call(op, pathOf(op, Map.of()), "probeUnknownParam=1", body(op, example));
            assertProblemNaming(op, "?probeUnknownParam", answer, "probeUnknownParam");
        }));
        List<String> queryParams = parameters(op, "query");
        if (!queryParams.isEmpty()) {
            probes.add(test("U+0000 in query parameters", () -> {
                for (String name : queryParams) {
                    Answer answer = call(op, pathOf(op, Map.of()), name + "=a%00b", body(op, example));
                    assertProblemNaming(op, "?" + name + "=a%00b", answer, name);
                }
            }));
        }
        List<String> integerParams = integerQueryParameters(op);
        if (!integerParams.isEmpty()) {
            probes.add(test("wrong types in query parameters", () -> {
                for (String name : integerParams) {
                    for (String value : List.of("1x", "1.5", "99999999999999999999")) {
                        Answer answer = call(op, pathOf(op, Map.of()), name + "=" + value, body(op, example));
                        assertProblemNaming(op, "?" + name + "=" + value, answer, name);
                    }
                }
            }));
        }
        for (String name : parameters(op, "path")) {
            probes.add(test("malformed ids in {" + name + "}", () -> malformedIds(op, name, example)));
        }
        return probes.stream();
    }

    /** The document cut off in the middle of its first value. */
    private static String malformed(JsonNode example) {
        return (example.isArray() ? "[" : "") + "{\"" + firstKey(example) + "\": ";
    }

    private void repeatedKey(Operation op, String media, JsonNode example) {
        boolean array = example.isArray();
        JsonNode object = array ? example.get(0) : example;
        String key = firstKey(object);
        String text = write(object);
        String repeated = "{" + JSON.valueToTree(key) + ": " + write(object.get(key)) + ", " + text.substring(1);
        expectField(op, media, array ? "[" + repeated + "]" : repeated, (array ? "[0]." : "") + key);
    }

    /** An unknown property in every object of the example (nested ones and first array items too), one at a time. */
    private void unknownFields(Operation op, JsonNode schema, JsonNode example) {
        List<List<Object>> objects = new ArrayList<>();
        collect(example, new ArrayList<>(), objects, JsonNode::isObject);
        for (List<Object> path : objects) {
            JsonNode objectSchema = schemaAt(schema, path);
            if (objectSchema == null || !objectSchema.has("properties")) {
                continue; // a map (any key is an entry) or a value the document does not describe
            }
            JsonNode copy = example.deepCopy();
            ((ObjectNode) at(copy, path)).put("probeUnknownField", 1);
            List<Object> field = new ArrayList<>(path);
            field.add("probeUnknownField");
            expectField(op, JSON_MEDIA, write(copy), fieldName(schema, field));
        }
    }

    /**
     * Every property of the schema (missing ones added to the example's objects) and every value of the example, nested
     * ones and first array items included, in turn with a value of another JSON type.
     */
    private void wrongTypes(Operation op, JsonNode schema, JsonNode example) {
        JsonNode base = example.deepCopy();
        JsonNode itemSchema = base.isArray() ? resolve(schema.path("items")) : schema;
        ObjectNode top = (ObjectNode) (base.isArray() ? base.get(0) : base);
        List<List<Object>> paths = new ArrayList<>();
        itemSchema.path("properties").fieldNames().forEachRemaining(name -> {
            if (!top.has(name)) {
                paths.add(base.isArray() ? List.of(0, name) : List.of(name));
            }
        });
        collect(base, new ArrayList<>(), paths, node -> !node.isNull());
        for (List<Object> path : paths) {
            if (path.isEmpty()) {
                continue;
            }
            JsonNode current = at(base, path);
            JsonNode fieldSchema = schemaAt(schema, path);
            JsonNode wrong = !current.isMissingNode() ? wrongValueFor(current)
                    : fieldSchema != null ? wrongValueForSchema(fieldSchema) : null;
            if (wrong == null) {
                continue;
            }
            JsonNode copy = base.deepCopy();
            setNode(copy, path, wrong);
            expectField(op, JSON_MEDIA, write(copy), fieldName(schema, path));
        }
    }

    /**
     * String fields whose schema gives a pattern (ids have one) with values of no id's shape: each value the documented
     * pattern itself refuses. A pattern that admits a value does not promise to refuse it ({@code \S}, the pattern
     * Bean Validation's {@code @NotBlank} is documented with, admits {@code ".."}: a name, not an id), so such a value
     * is no probe of that field; id patterns ({@code ^jr_[A-Za-z0-9_-]{12,16}$}) refuse all of them.
     */
    private void malformedBodyIds(Operation op, JsonNode schema, JsonNode example) {
        List<List<Object>> paths = new ArrayList<>();
        collect(example, new ArrayList<>(), paths, JsonNode::isTextual);
        for (List<Object> path : paths) {
            JsonNode fieldSchema = schemaAt(schema, path);
            if (fieldSchema == null || !fieldSchema.has("pattern")) {
                continue;
            }
            // JSON Schema patterns are unanchored: a value conforms when the pattern matches anywhere in it.
            Pattern pattern = Pattern.compile(fieldSchema.get("pattern").asText());
            for (String value : List.of("..", ".", "x", "tp_../../x")) {
                if (pattern.matcher(value).find()) {
                    continue;
                }
                JsonNode copy = example.deepCopy();
                set(copy, path, value);
                expectField(op, JSON_MEDIA, write(copy), fieldName(schema, path));
            }
        }
    }

    /**
     * Every string field of the example (nested objects, first array items and map values included) and every
     * top-level string property of the schema, in turn: with U+0000 and one other control character
     * ({@code control}), or longer than its maxLength (100,000 characters where the schema gives none).
     */
    private void strings(Operation op, String media, JsonNode schema, JsonNode example, boolean control) {
        JsonNode base = example.deepCopy();
        JsonNode itemSchema = base.isArray() ? resolve(schema.path("items")) : schema;
        ObjectNode top = (ObjectNode) (base.isArray() ? base.get(0) : base);
        itemSchema.path("properties").fields().forEachRemaining(p -> {
            if (!top.has(p.getKey()) && isString(resolve(p.getValue())) && !resolve(p.getValue()).has("enum")) {
                top.put(p.getKey(), "x");
            }
        });
        List<List<Object>> paths = new ArrayList<>();
        collectStrings(base, schema, new ArrayList<>(), paths);
        int other = 0;
        for (List<Object> path : paths) {
            JsonNode fieldSchema = schemaAt(schema, path);
            List<String> raw = new ArrayList<>();
            if (control) {
                raw.add("\"a\\u0000b\"");
                raw.add("\"a" + OTHER_CONTROLS.get(other++ % OTHER_CONTROLS.size()) + "b\"");
            } else {
                int max = fieldSchema != null && fieldSchema.has("maxLength") ? fieldSchema.get("maxLength").asInt()
                        : UNLIMITED_PROBE - 1;
                raw.add("\"" + "x".repeat(max + 1) + "\"");
            }
            for (String value : raw) {
                JsonNode copy = base.deepCopy();
                set(copy, path, SLOT);
                expectField(op, media, write(copy).replace("\"" + SLOT + "\"", value), fieldName(schema, path));
            }
        }
    }

    private void malformedIds(Operation op, String name, JsonNode example) {
        // A customer id is the CRM's own, free text of 1 to 200 characters: only what no id can be is malformed.
        List<String> values = new ArrayList<>(name.equals("customerId") ? List.of("%00", "z".repeat(300))
                : List.of("x", "..x", "%00", "a%2Fb", "%C3%BC", "z".repeat(300)));
        String real = pathValue(op, name);
        if (real.length() > 3 && real.charAt(2) == '_') {
            values.add((real.startsWith("tp_") ? "jr_" : "tp_") + real.substring(3)); // another kind's shape
            values.add(real.substring(0, 3) + "short");
        }
        if (real.matches("[0-9a-f-]{36}")) {
            values.add(real.substring(0, 35) + "z");
            values.add(real.replace("-", ""));
        }
        for (String value : values) {
            Answer answer = call(op, pathOf(op, Map.of(name, value)), null, body(op, example));
            // What the path itself cannot hold (an encoded control character) is refused for the path as a whole.
            assertProblemNaming(op, "{" + name + "} = " + shorten(value), answer,
                    value.equals("%00") ? "path" : name, name);
        }
        // Dot segments and their encodings change the path itself. A read may answer what the resolved path names
        // (that is what the URL means); anything else must be a 4xx problem, never another object's data or a write.
        for (String value : List.of("..", ".", "%2e%2e", "%2E", "..%2F..", ".;x=1")) {
            String path = pathOf(op, Map.of(name, value));
            Answer answer = call(op, path, null, body(op, example));
            if (op.method().equals("get") && answer.status() < 400) {
                Answer resolved = call(op, resolvedPath(path), null, null);
                assertThat(answer.status()).as("%s with {%s} = %s answers like %s", op.name(), name, value,
                        resolvedPath(path)).isEqualTo(resolved.status());
                assertThat(answer.body()).as("%s with {%s} = %s", op.name(), name, value).isEqualTo(resolved.body());
            } else {
                assertProblem(op, "{" + name + "} = " + value, answer);
            }
        }
    }

    /** The path as RFC 3986 resolves it: encoded dots decoded, then dot segments removed. */
    private static String resolvedPath(String path) {
        String decoded = path.replace("%2e", ".").replace("%2E", ".");
        return URI.create("http://h" + decoded).normalize().getRawPath();
    }

    private Stream<DynamicNode> pathNormalization() {
        List<String[]> cases = List.of(
                new String[] {"GET", "/api/v1/public/../surveys"},
                new String[] {"GET", "/api/v1/public/%2e%2e/surveys"},
                new String[] {"GET", "/api/v1/public/surveys/x/..%2F..%2F..%2Fsurveys"},
                new String[] {"GET", "/api/v1/public;x=1/../surveys"},
                new String[] {"GET", "/api/v1/surveys/../journeys"},
                new String[] {"GET", "/api/v1/journeys/%2e%2e"});
        return cases.stream().map(c -> DynamicTest.dynamicTest(c[0] + " " + c[1] + " without a token", () -> {
            Answer answer = send(c[0], c[1], null, null, Map.of());
            assertThat(answer.status()).as("%s %s without a token: %s", c[0], c[1], answer.raw())
                    .isBetween(400, 499);
            assertThat(answer.contentType()).as("%s %s", c[0], c[1]).startsWith(PROBLEM);
        }));
    }

    // ---- assertions -----------------------------------------------------------------------------------------

    private void expectField(Operation op, String media, String body, String field) {
        Answer answer = call(op, pathOf(op, Map.of()), null, body, media);
        assertProblemNaming(op, media + " body " + shorten(body), answer, field);
    }

    private static void assertProblem(Operation op, String probe, Answer answer) {
        assertThat(answer.status()).as("%s with %s: %s", op.name(), probe, shorten(answer.raw())).isBetween(400, 499);
        assertThat(answer.contentType()).as("%s with %s: content type", op.name(), probe).startsWith(PROBLEM);
    }

    /**
     * A 4xx problem naming {@code field}, or from a bulk endpoint (which judges each item on its own) a 200 whose
     * first item, the one probed, is rejected naming it. A name matches exactly or as the start of a deeper path
     * ({@code stages} for {@code stages[0].name}).
     */
    private static void assertProblemNaming(Operation op, String probe, Answer answer, String field, String alternative) {
        if (answer.body() != null && names(answer.body().path("errors")).stream().anyMatch(n -> matches(n, alternative))) {
            assertProblem(op, probe, answer);
            return;
        }
        assertProblemNaming(op, probe, answer, field);
    }

    private static void assertProblemNaming(Operation op, String probe, Answer answer, String field) {
        JsonNode firstResult = answer.status() != 200 ? null
                : answer.body() != null && answer.body().has("results") ? answer.body().path("results").get(0)
                : answer.contentType().startsWith(NDJSON) ? firstLine(answer.raw()) : null;
        if (firstResult != null) {
            JsonNode result = firstResult;
            assertThat(result.path("status").asText()).as("%s with %s: item %s", op.name(), probe, result)
                    .isEqualTo("rejected");
            // Fields are named relative to the item; the item as a whole is "item".
            String relative = stripIndex(field);
            assertThat(names(result.path("errors"))).as("%s with %s: item errors", op.name(), probe)
                    .anyMatch(name -> matches(name, relative) || relative.matches("^(items)?\\[0]$") && name.equals("item"));
            return;
        }
        assertProblem(op, probe, answer);
        assertThat(names(answer.body().path("errors"))).as("%s with %s: errors[].field of %s", op.name(), probe,
                shorten(answer.raw())).anyMatch(name -> matches(name, field));
    }

    private static boolean matches(String name, String field) {
        return name.equals(field) || name.startsWith(field + ".") || name.startsWith(field + "[");
    }

    /** Bulk results name fields relative to their item. */
    private static String stripIndex(String field) {
        return field.replaceFirst("^(items)?\\[0]\\.", "");
    }

    private static List<String> names(JsonNode errors) {
        List<String> names = new ArrayList<>();
        errors.forEach(e -> names.add(e.path("field").asText()));
        return names;
    }

    // ---- the operation's request ----------------------------------------------------------------------------

    private JsonNode requestSchema(Operation op) {
        JsonNode content = op.operation().path("requestBody").path("content").path("application/json");
        return content.isMissingNode() ? null : resolve(content.path("schema"));
    }

    /** The operation's first JSON example, with example ids replaced by the fixtures' real ones. */
    private JsonNode example(Operation op) {
        JsonNode examples = op.operation().path("requestBody").path("content").path("application/json").path("examples");
        if (!examples.elements().hasNext()) {
            return null;
        }
        JsonNode example = examples.elements().next().path("value").deepCopy();
        if (!example.isObject() && !(example.isArray() && example.size() > 0 && example.get(0).isObject())) {
            return null;
        }
        substituteIds(example, null);
        return example;
    }

    private void substituteIds(JsonNode node, String key) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> {
                String replacement = e.getValue().isTextual() ? realId(e.getKey(), e.getValue().asText()) : null;
                if (replacement != null) {
                    e.setValue(JSON.getNodeFactory().textNode(replacement));
                } else {
                    substituteIds(e.getValue(), e.getKey());
                }
            });
            if (object.has("externalId")) {
                object.put("externalId", "probe-" + UUID.randomUUID());
            }
            if (object.has("occurredAt")) {
                object.put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String replacement = array.get(i).isTextual() ? realId(key, array.get(i).asText()) : null;
                if (replacement != null) {
                    array.set(i, JSON.getNodeFactory().textNode(replacement));
                } else {
                    substituteIds(array.get(i), key);
                }
            }
        }
    }

    /** A fixture of the same kind as an example id, or null for anything that is no reference. */
    private String realId(String key, String value) {
        if (key == null) {
            return null;
        }
        return switch (key) {
            case "journeyId" -> fixtures.journey();
            case "touchpointId" -> fixtures.touchpoint();
            case "surveyId" -> fixtures.survey();
            case "personaIds" -> fixtures.persona();
            case "stageId" -> fixtures.stage();
            case "scopeId" -> value.startsWith("tp_") ? fixtures.touchpoint() : value.startsWith("jr_")
                    ? fixtures.journey() : value.matches("[0-9a-f-]{36}") ? fixtures.survey() : null;
            default -> null;
        };
    }

    private List<String> parameters(Operation op, String in) {
        List<String> names = new ArrayList<>();
        op.operation().path("parameters").forEach(p -> {
            if (p.path("in").asText().equals(in)) {
                names.add(p.path("name").asText());
            }
        });
        return names;
    }

    /** The operation's path with real ids, {@code overrides} inserted as given (already URL-encoded). */
    private String pathOf(Operation op, Map<String, String> overrides) {
        String path = op.path();
        for (String name : parameters(op, "path")) {
            String value = overrides.containsKey(name) ? overrides.get(name)
                    : URLEncoder.encode(pathValue(op, name), StandardCharsets.UTF_8);
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String pathValue(Operation op, String name) {
        String path = op.path();
        return switch (name) {
            case "journeyId" -> fixtures.journey();
            case "touchpointId" -> fixtures.touchpoint();
            case "stageId" -> fixtures.stage();
            case "number" -> "1";
            case "token" -> fixtures.token();
            case "customerId" -> "c-probe";
            case "deliveryId" -> "msg_" + "A".repeat(32);
            default -> path.startsWith("/api/v1/personas") ? fixtures.persona()
                    : path.startsWith("/api/v1/surveys") ? fixtures.survey()
                    : path.startsWith("/api/v1/responses") ? fixtures.response()
                    : path.startsWith("/api/v1/alerts/rules") ? fixtures.rule()
                    : path.startsWith("/api/v1/alerts") ? "al_0000000000aaaaaaaaaaaa"
                    : path.startsWith("/api/v1/webhooks") ? fixtures.webhook()
                    : "unknown";
        };
    }

    private String body(Operation op, JsonNode example) {
        return example == null ? null : write(example);
    }

    private Answer call(Operation op, String path, String query, String body) {
        return call(op, path, query, body, JSON_MEDIA);
    }

    private Answer call(Operation op, String path, String query, String body, String media) {
        RunningStack.freshTokens();
        List<String> roles = new ArrayList<>();
        op.operation().path("x-roles").forEach(r -> roles.add(r.asText()));
        String token = op.path().startsWith("/api/v1/public/") ? null
                : roles.contains("cx-admin") ? alice : roles.contains("crm-partner") ? crmAcme : adam;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", "probe-" + UUID.randomUUID());
        if (!op.method().equals("get")) {
            headers.put("If-Match", "\"1\"");
        }
        if (body != null) {
            headers.put("Content-Type", media);
        }
        if (token == null) {
            // The stack trusts 127.0.0.1 as a proxy: a fresh address per request keeps the per-IP respondent bucket out of it.
            int n = forwardedIp.incrementAndGet();
            headers.put("X-Forwarded-For", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
        }
        String fullQuery = query(op, query);
        return send(op.method().toUpperCase(), fullQuery.isEmpty() ? path : path + "?" + fullQuery, body, token, headers);
    }

    /** The required query parameters with a valid value (the schema's example or minimum, else 1), then {@code probe}. */
    private static String query(Operation op, String probe) {
        List<String> pairs = new ArrayList<>();
        op.operation().path("parameters").forEach(p -> {
            String name = p.path("name").asText();
            if (p.path("in").asText().equals("query") && p.path("required").asBoolean()
                    && (probe == null || !probe.startsWith(name + "="))) {
                JsonNode schema = p.path("schema");
                String value = p.has("example") ? p.get("example").asText()
                        : schema.has("minimum") ? schema.get("minimum").asText() : "1";
                pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        if (probe != null) {
            pairs.add(probe);
        }
        return String.join("&", pairs);
    }

    private Answer send(String method, String pathAndQuery, String body, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(RunningStack.config.gatewayUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null && !headers.containsKey("Content-Type")) {
            builder.header("Content-Type", JSON_MEDIA);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(method + " " + pathAndQuery + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sent.incrementAndGet();
            if (response.statusCode() == 429 && attempt < 20) {
                // Honour the rate limit like any client: wait as told, then send the same request again.
                long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                pause(Duration.ofSeconds(Math.max(1, wait)));
                continue;
            }
            JsonNode parsed = null;
            try {
                parsed = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON: the assertions report the raw body
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parsed,
                    response.body());
        }
    }

    // ---- fixtures -------------------------------------------------------------------------------------------

    private Fixtures fixtures() {
        JsonNode persona = create("/api/v1/personas", alice, Map.of("name", "Probe persona"));
        String personaId = persona.path("id").asText();
        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("name", "Probe checkout");
        touchpoint.put("channel", "web");
        touchpoint.put("opportunities", List.of(Map.of("text", "Cache assets")));
        JsonNode journey = create("/api/v1/journeys", alice, Map.of("name", "Probe journey", "personaIds", List.of(personaId),
                "stages", List.of(Map.of("name", "Buy", "touchpoints", List.of(touchpoint)))));
        String journeyId = journey.path("id").asText();
        String stageId = journey.path("stages").get(0).path("id").asText();
        String touchpointId = journey.path("stages").get(0).path("touchpoints").get(0).path("id").asText();
        String opportunityId = journey.path("stages").get(0).path("touchpoints").get(0).path("opportunities").get(0)
                .path("id").asText();
        send("POST", "/api/v1/journeys/" + journeyId + "/publish", null, alice, Map.of("If-Match", "\"1\""));
        JsonNode survey = create("/api/v1/surveys", alice, Map.of("name", "Probe survey", "journeyId", journeyId,
                "touchpointId", touchpointId, "companyName", "Acme", "questions", List.of(
                        Map.of("key", "ces", "kind", "CES"), Map.of("key", "nps", "kind", "NPS", "required", false),
                        Map.of("key", "comment", "kind", "COMMENT", "maxLength", 500))));
        String surveyId = survey.path("id").asText();
        Answer activated = send("POST", "/api/v1/surveys/" + surveyId + "/activate", null, alice,
                Map.of("If-Match", "\"0\""));
        assertThat(activated.status()).as("activate the probe survey: %s", activated.raw()).isEqualTo(200);
        JsonNode invitation = create("/api/v1/invitations", crmAcme, Map.of("surveyId", surveyId, "customerId", "c-probe"));
        Answer response = send("POST", "/api/v1/responses", write(JSON.valueToTree(Map.of("surveyId", surveyId,
                "customerId", "c-probe", "channel", "web", "occurredAt", Instant.now().minusSeconds(3600).toString(),
                "answers", List.of(Map.of("questionKey", "ces", "score", 6))))), crmAcme,
                Map.of("Idempotency-Key", "probe-" + UUID.randomUUID()));
        assertThat(response.status()).as("probe response: %s", response.raw()).isEqualTo(201);
        JsonNode rule = create("/api/v1/alerts/rules", alice, Map.of("name", "Probe rule", "metric", "CES",
                "scope", "touchpoint", "scopeId", touchpointId, "journeyId", journeyId, "condition", "THRESHOLD",
                "operator", "BELOW", "threshold", 4.5));
        JsonNode webhook = create("/api/v1/webhooks", alice, Map.of("url", "https://crm.example.com/effortmap-hooks",
                "eventTypes", List.of("alert.opened")));
        return new Fixtures(personaId, journeyId, stageId, touchpointId, opportunityId, surveyId,
                response.body().path("id").asText(), invitation.path("token").asText(), rule.path("id").asText(),
                webhook.path("id").asText());
    }

    private JsonNode create(String path, String token, Object body) {
        Answer answer = send("POST", path, write(JSON.valueToTree(body)), token, Map.of());
        assertThat(answer.status()).as("fixture %s: %s", path, answer.raw()).isEqualTo(201);
        return answer.body();
    }

    // ---- JSON helpers ---------------------------------------------------------------------------------------

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current != null && current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current != null && current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }

    private static boolean isString(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isTextual() ? type.asText().equals("string") : type.toString().contains("\"string\"");
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText("object");
    }

    private static JsonNode wrongValueForSchema(JsonNode schema) {
        return switch (type(schema)) {
            case "string" -> JSON.createObjectNode().put("probe", 1);
            case "integer", "number" -> JSON.getNodeFactory().textNode("not-a-number");
            case "boolean" -> JSON.getNodeFactory().textNode("maybe");
            case "array" -> JSON.getNodeFactory().textNode("not-a-list");
            default -> JSON.getNodeFactory().numberNode(7);
        };
    }

    /** Paths to every value {@code wanted} accepts (the root, object fields, first items of arrays, map values). */
    private static void collect(JsonNode node, List<Object> path, List<List<Object>> out,
            java.util.function.Predicate<JsonNode> wanted) {
        if (wanted.test(node)) {
            out.add(List.copyOf(path));
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                path.add(e.getKey());
                collect(e.getValue(), path, out, wanted);
                path.removeLast();
            });
        } else if (node.isArray() && !node.isEmpty()) {
            path.add(0);
            collect(node.get(0), path, out, wanted);
            path.removeLast();
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.path(index) : node.path((String) step);
        }
        return node;
    }

    private static void setNode(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** Query parameters the document types as integers. */
    private List<String> integerQueryParameters(Operation op) {
        List<String> names = new ArrayList<>();
        op.operation().path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("query") && type(resolve(p.path("schema"))).equals("integer")) {
                names.add(p.path("name").asText());
            }
        });
        return names;
    }

    private static JsonNode firstLine(String ndjson) {
        try {
            return JSON.readTree(ndjson.lines().filter(l -> !l.isBlank()).findFirst().orElse("null"));
        } catch (IOException e) {
            return null;
        }
    }

    /** A value of another JSON type than the example's {@code value}. */
    private static JsonNode wrongValueFor(JsonNode value) {
        return value.isTextual() ? JSON.createObjectNode().put("probe", 1)
                : value.isNumber() ? JSON.getNodeFactory().textNode("not-a-number")
                : value.isBoolean() ? JSON.getNodeFactory().textNode("maybe")
                : value.isArray() ? JSON.getNodeFactory().textNode("not-a-list")
                : JSON.getNodeFactory().numberNode(7);
    }

    /** Paths to every string value (object fields, first items of arrays, map values). */
    private void collectStrings(JsonNode node, JsonNode schema, List<Object> path, List<List<Object>> out) {
        if (node.isTextual()) {
            JsonNode s = schemaAt(schema, path);
            if (s == null || !s.has("enum")) {
                out.add(List.copyOf(path));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                path.add(e.getKey());
                collectStrings(e.getValue(), schema, path, out);
                path.removeLast();
            });
        } else if (node.isArray() && !node.isEmpty()) {
            path.add(0);
            collectStrings(node.get(0), schema, path, out);
            path.removeLast();
        }
    }

    /** The schema of the value at {@code path}, or null where the document does not say. */
    private JsonNode schemaAt(JsonNode schema, List<Object> path) {
        JsonNode current = resolve(schema);
        for (Object step : path) {
            if (current == null) {
                return null;
            }
            if (step instanceof Integer) {
                current = resolve(current.path("items"));
            } else if (current.path("properties").has((String) step)) {
                current = resolve(current.path("properties").get((String) step));
            } else if (current.has("additionalProperties") && current.get("additionalProperties").isObject()) {
                current = resolve(current.get("additionalProperties"));
            } else {
                return null;
            }
            if (current != null && current.isMissingNode()) {
                return null;
            }
        }
        return current;
    }

    private static void set(JsonNode root, List<Object> path, String value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.getLast();
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, JSON.getNodeFactory().textNode(value));
        } else {
            ((ObjectNode) parent).put((String) last, value);
        }
    }

    /**
     * {@code [stages, 0, name]} as the API names it: {@code stages[0].name}; a top-level array item is {@code [0]} and
     * a map entry {@code segments[region]} (a key may hold dots).
     */
    private String fieldName(JsonNode schema, List<Object> path) {
        StringBuilder out = new StringBuilder();
        JsonNode current = resolve(schema);
        for (Object step : path) {
            boolean mapEntry = step instanceof String key && current != null && !current.path("properties").has(key)
                    && current.path("additionalProperties").isObject();
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
                current = current == null ? null : resolve(current.path("items"));
            } else if (mapEntry) {
                out.append('[').append(step).append(']');
                current = resolve(current.get("additionalProperties"));
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(step);
                current = current == null ? null : resolve(current.path("properties").path((String) step));
            }
            if (current != null && current.isMissingNode()) {
                current = null;
            }
        }
        return out.toString();
    }

    private static String firstKey(JsonNode node) {
        JsonNode object = node.isArray() ? node.get(0) : node;
        return object.fieldNames().next();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static DynamicTest test(String name, Runnable probe) {
        return DynamicTest.dynamicTest(name, probe::run);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
