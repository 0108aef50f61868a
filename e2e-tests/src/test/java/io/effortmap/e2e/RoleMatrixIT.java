package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.adam;
import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.crmAcme;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every public operation against every role, generated from the gateway's merged OpenAPI document so that a new
 * endpoint cannot be left out: a role outside the operation's {@code x-roles} gets 403, a role inside never gets
 * 401 or 403, and no token gets 401 (respondent endpoints excepted). Ids in paths are unknown ones, so allowed calls
 * answer 4xx for other reasons, and nothing is created.
 */
@ExtendWith(RunningStack.class)
class RoleMatrixIT {

    private record Caller(String name, String role, String token) {
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAgainstEveryRole() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<Caller> callers = List.of(new Caller("alice", "cx-admin", alice), new Caller("adam", "cx-analyst", adam),
                new Caller("crm-acme", "crm-partner", crmAcme), new Caller("no token", null, null));
        List<DynamicTest> tests = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            boolean open = path.startsWith("/api/v1/public/");
            @SuppressWarnings("unchecked")
            List<String> roles = (List<String>) operation.get("x-roles");
            for (Caller caller : callers) {
                tests.add(DynamicTest.dynamicTest(method.toUpperCase() + " " + path + " as " + caller.name(), () -> {
                    if (!open) {
                        assertThat(roles).as("roles declared for %s %s", method, path).isNotEmpty();
                    }
                    int status = call(method, path, caller.token());
                    if (open) {
                        assertThat(status).isNotIn(401, 403);
                    } else if (caller.token() == null) {
                        assertThat(status).isEqualTo(401);
                    } else if (roles.contains(caller.role())) {
                        assertThat(status).isNotIn(401, 403);
                    } else {
                        assertThat(status).isEqualTo(403);
                    }
                }));
            }
        }));
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }

    private static int call(String method, String path, String token) {
        String concrete = path.replaceAll("\\{[^}]+}", "unknown-id");
        RequestSpecification request = given().header("Idempotency-Key", "role-matrix");
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (List.of("post", "put", "patch").contains(method)) {
            request.contentType("application/json").header("If-Match", "\"0\"").body("{}");
        }
        return request.request(method.toUpperCase(), concrete).then().extract().statusCode();
    }
}
