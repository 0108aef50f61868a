package io.effortmap.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console serves its app at every app path, with the headers of a page that holds tokens, and its settings. */
@QuarkusTest
class ConsoleRoutesTest {

    @Test
    void everyAppPathAnswersTheAppSoSharedLinksWork() {
        String index = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<div id=\"app\">")).extract().asString();
        for (String path : new String[] {"/journeys", "/journeys/jr_1/touchpoints/tp_2", "/settings/webhooks/wh_1", "/auth/callback"}) {
            given().get(path + "?metric=CSAT").then().statusCode(200).body(equalTo(index));
        }
    }

    @Test
    void pagesCarrySecurityHeadersThatAllowOnlyThisOriginAndKeycloak() {
        given().get("/journeys").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' http://localhost:8180;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }

    @Test
    void bundlesAreLinkedFromTheIndexAndCachedForGood() {
        String index = given().get("/").then().extract().asString();
        Matcher script = Pattern.compile("src=\"(/static/bundle/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html links its bundle: %s", index).isTrue();
        given().get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .contentType(containsString("javascript"));
    }

    @Test
    void missingFilesAreNotFoundRatherThanTheApp() {
        given().get("/static/bundle/nothing-1234.js").then().statusCode(404);
        given().get("/favicon.ico").then().statusCode(404);
    }

    @Test
    void settingsNameTheRealmAndThePublicClient() {
        given().get("/console-settings.json").then().statusCode(200)
                .body("issuer", equalTo("http://localhost:8180/realms/effortmap"))
                .body("clientId", equalTo("effortmap-web"));
    }

    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ready).then().statusCode(200).body("status", matchesPattern("UP"));
        given().get(metrics).then().statusCode(200);
        given().get("/q/health/live").then().statusCode(404);
    }
}
