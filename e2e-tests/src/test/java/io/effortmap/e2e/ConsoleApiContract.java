package io.effortmap.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console is the reference client of the public API, so every call it makes is held to the merged OpenAPI
 * document the gateway serves: the operation exists, it sends only the query parameters the operation lists, a write
 * to a versioned object carries {@code If-Match}, and a create carries an {@code Idempotency-Key}. The rules come from
 * the document itself, so they follow the API as it changes (docs/api-conventions.md).
 */
final class ConsoleApiContract {

    /** One operation of the document. */
    record Operation(String method, String template, Pattern path, int variables, Set<String> query, boolean ifMatch,
            boolean idempotencyKey, boolean creates) {
    }

    private static List<Operation> operations;
    private static JsonPath document;

    private ConsoleApiContract() {
    }

    /** The merged document, read once from the gateway. */
    static synchronized JsonPath document() {
        if (document == null) {
            document = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    private static synchronized List<Operation> operations() {
        if (operations == null) {
            JsonPath doc = document();
            Map<String, Map<String, Object>> paths = doc.getMap("paths");
            Map<String, Map<String, Object>> shared = Optional.ofNullable(doc.<String, Map<String, Object>>getMap("components.parameters"))
                    .orElse(Map.of());
            List<Operation> found = new ArrayList<>();
            paths.forEach((template, item) -> item.forEach((method, value) -> {
                if (!(value instanceof Map<?, ?> operation) || !Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    return;
                }
                List<Map<String, Object>> parameters = new ArrayList<>();
                Object declaredOnPath = item.get("parameters");
                Object declaredOnOperation = ((Map<String, Object>) operation).get("parameters");
                for (Object source : new Object[] {declaredOnPath == null ? List.of() : declaredOnPath,
                        declaredOnOperation == null ? List.of() : declaredOnOperation}) {
                    for (Map<String, Object> parameter : (List<Map<String, Object>>) source) {
                        Object ref = parameter.get("$ref");
                        parameters.add(ref == null ? parameter : shared.get(ref.toString().substring(ref.toString().lastIndexOf('/') + 1)));
                    }
                }
                Set<String> query = new HashSet<>();
                Set<String> headers = new HashSet<>();
                parameters.forEach(p -> {
                    if ("query".equals(p.get("in"))) {
                        query.add((String) p.get("name"));
                    } else if ("header".equals(p.get("in"))) {
                        headers.add(((String) p.get("name")).toLowerCase(Locale.ROOT));
                    }
                });
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                String regex = "^" + Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$";
                int variables = (int) template.chars().filter(c -> c == '{').count();
                found.add(new Operation(method.toUpperCase(Locale.ROOT), template, Pattern.compile(regex), variables, query,
                        headers.contains("if-match"), headers.contains("idempotency-key"),
                        responses != null && responses.containsKey("201")));
            }));
            operations = found;
        }
        return operations;
    }

    /** What is wrong with one request the browser sent to the API; empty when it keeps the contract. */
    static List<String> violations(String method, String url, Map<String, String> headers) {
        URI uri = URI.create(url);
        String path = uri.getRawPath();
        List<String> problems = new ArrayList<>();
        Optional<Operation> match = operations().stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
                .min(Comparator.comparingInt(Operation::variables));
        if (match.isEmpty()) {
            problems.add(method + " " + path + ": no such operation in the OpenAPI document");
            return problems;
        }
        Operation operation = match.get();
        String call = method + " " + operation.template();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!operation.query().contains(name)) {
                    problems.add(call + ": query parameter '" + name + "' is not documented (documented: " + operation.query() + ")");
                }
            }
        }
        Set<String> sent = new HashSet<>();
        headers.keySet().forEach(h -> sent.add(h.toLowerCase(Locale.ROOT)));
        if (operation.ifMatch() && !sent.contains("if-match")) {
            problems.add(call + ": a write to a versioned object without If-Match");
        }
        if ((operation.idempotencyKey() || (method.equals("POST") && operation.creates() && !operation.ifMatch()))
                && !sent.contains("idempotency-key")) {
            problems.add(call + ": a create without an Idempotency-Key");
        }
        return problems;
    }
}
