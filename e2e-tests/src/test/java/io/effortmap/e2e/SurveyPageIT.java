package io.effortmap.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer opens the link of an invitation a partner CRM created, in Chromium through the gateway: the hosted page
 * passes axe-core's WCAG 2.2 AA rules, is answered by keyboard alone with JavaScript switched off, and the answer is
 * stored, counted in the journey's figures and cannot be given twice.
 */
@ExtendWith(ConsoleBrowser.class)
@ExtendWith(RunningStack.class)
class SurveyPageIT {

    private static String journeyId;
    private static String touchpointId;
    private static String surveyId;

    @BeforeAll
    static void anActiveSurveyOnATouchpoint() {
        String admin = FreshTokens.admin();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonPath journey = SetUp.created(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Survey page " + tag, "stages", List.of(Map.of("name", "Support",
                        "touchpoints", List.of(Map.of("name", "Password reset", "channel", "web"))))))
                .post("/api/v1/journeys")).jsonPath();
        journeyId = journey.getString("id");
        touchpointId = journey.getString("stages[0].touchpoints[0].id");
        surveyId = SetUp.created(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Password reset " + tag, "journeyId", journeyId, "touchpointId", touchpointId,
                        "companyName", "Acme Outdoor",
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"),
                                Map.of("key", "nps", "kind", "NPS", "required", false))))
                .post("/api/v1/surveys")).path("id");
        SetUp.created(() -> given().auth().oauth2(admin).header("If-Match", "\"0\"")
                .post("/api/v1/surveys/" + surveyId + "/activate"));
    }

    private static JsonPath invite(String customerId) {
        return SetUp.created(() -> given().auth().oauth2(FreshTokens.crm()).contentType(ContentType.JSON)
                .body(Map.of("surveyId", surveyId, "customerId", customerId)).post("/api/v1/invitations")).jsonPath();
    }

    /** The path of the link the invitation carries (it points at the gateway). */
    private static String pathOf(JsonPath invitation) {
        String link = invitation.getString("link");
        assertThat(link).startsWith(RunningStack.config.gatewayUrl()).endsWith("/s/" + invitation.getString("token"));
        return link.substring(RunningStack.config.gatewayUrl().length());
    }

    @Test
    void theDemoGivesANewUserALinkToAnswerAsACustomer() {
        var seed = new io.effortmap.launcher.seed.DemoSeeder(RunningStack.config,
                line -> System.out.println("[e2e] " + line)).seed();
        String link = seed.surveyLink();
        assertThat(link).startsWith(RunningStack.config.gatewayUrl() + "/s/");
        String page = given().header("Accept-Language", "en").get(link)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .extract().asString();
        assertThat(page).contains("Your feedback for Acme").contains("Acme made it easy for me to handle my issue.");
    }

    @Test
    void aCustomerAnswersByKeyboardWithoutJavaScriptAndTheAnswerCountsOnce() {
        JsonPath invitation = invite("cust-page-" + UUID.randomUUID());
        String path = pathOf(invitation);
        try (BrowserContext browser = ConsoleBrowser.respondent(false, "en-GB")) {
            Page page = browser.newPage();
            Response opened = page.navigate(path);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(page.locator("h1").textContent()).isEqualTo("Your feedback for Acme Outdoor");
            assertThat(page.locator("script").count()).isZero();

            // Tab into the first scale, choose 6 with the arrow keys; the focus is visible.
            page.keyboard().press("Tab");
            page.keyboard().press("Space");
            for (int i = 0; i < 5; i++) {
                page.keyboard().press("ArrowRight");
            }
            assertThat(page.locator("input[name=q_ces][value='6']").isChecked()).isTrue();
            String outline = (String) page.locator("input[name=q_ces][value='6'] + .box")
                    .evaluate("box => getComputedStyle(box).outlineStyle");
            assertThat(outline).as("focus indicator").isEqualTo("solid");
            page.keyboard().press("Tab");
            page.keyboard().press("Space");
            for (int i = 0; i < 9; i++) {
                page.keyboard().press("ArrowRight");
            }
            assertThat(page.locator("input[name=q_nps][value='9']").isChecked()).isTrue();
            page.keyboard().press("Tab");
            page.keyboard().type("Reset link arrived after ten minutes");
            page.keyboard().press("Tab");
            page.keyboard().press("Enter");
            page.waitForSelector("h1:text('Thank you!')");
            assertThat(page.locator("h1").textContent()).isEqualTo("Thank you!");

            Response again = page.navigate(path);
            assertThat(again.status()).isEqualTo(409);
            assertThat(page.locator("h1").textContent()).isEqualTo("Already answered");
        }

        String analyst = FreshTokens.analyst();
        String customer = invitation.getString("customerId");
        JsonPath responses = given().auth().oauth2(analyst).queryParam("surveyId", surveyId)
                .get("/api/v1/responses").then().statusCode(200).extract().jsonPath();
        String mine = "items.findAll { it.customerId == '" + customer + "' }";
        assertThat(responses.getList(mine)).hasSize(1);
        assertThat(responses.getList(mine + "[0].answers.score", Integer.class)).containsExactly(6, 9);
        assertThat(responses.getString(mine + "[0].answers[0].text")).isEqualTo("Reset link arrived after ten minutes");
        assertThat(responses.getString(mine + "[0].channel")).isEqualTo("web");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Ledger.countedResponses(RunningStack.config.gatewayUrl(), journeyId, touchpointId, analyst) >= 1);
    }

    @Test
    void theFormAndItsStatesPassWcag22AaInEnglishAndGerman() {
        JsonPath invitation = invite("cust-a11y-" + UUID.randomUUID());
        String path = pathOf(invitation);
        try (BrowserContext browser = ConsoleBrowser.respondent(true, "de-DE")) {
            Page page = browser.newPage();
            assertThat(page.navigate(path).status()).isEqualTo(200);
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo("de");
            assertThat(page.locator("h1").textContent()).isEqualTo("Ihre Meinung zu Acme Outdoor");
            assertThat(ConsoleBrowser.accessibilityViolations(page)).as("German form").isEmpty();

            assertThat(page.navigate("/s/" + "A".repeat(43)).status()).isEqualTo(404);
            assertThat(page.locator("h1").textContent()).isEqualTo("Umfrage nicht gefunden");
            assertThat(ConsoleBrowser.accessibilityViolations(page)).as("not found").isEmpty();
        }
        try (BrowserContext browser = ConsoleBrowser.respondent(true, "en-US")) {
            Page page = browser.newPage();
            page.navigate(path);
            assertThat(ConsoleBrowser.accessibilityViolations(page)).as("English form").isEmpty();
            // The browser's own check stops an empty required answer before anything is sent.
            page.locator("button[type=submit]").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Your feedback for Acme Outdoor");
            assertThat((Boolean) page.locator("input[name=q_ces]").first().evaluate("r => r.validity.valueMissing"))
                    .isTrue();
            page.locator("label:has(input[name=q_ces][value='2'])").click();
            page.locator("button[type=submit]").click();
            page.waitForSelector("h1:text('Thank you!')");
            assertThat(ConsoleBrowser.accessibilityViolations(page)).as("thank-you page").isEmpty();
        }
    }
}
