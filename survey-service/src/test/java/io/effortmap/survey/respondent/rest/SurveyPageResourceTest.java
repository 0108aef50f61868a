package io.effortmap.survey.respondent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.Invitations;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hosted survey page behind an invitation link: rendered on the server, answered with a plain form post. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class SurveyPageResourceTest {

    private static final String WS = "ws-page";

    private String surveyId;
    private String invitationId;
    private String token;

    @BeforeEach
    void invitedCustomer() {
        surveyId = Fixtures.activeSurvey(WS);
        var invitation = Invitations.create(WS, surveyId, "cust-page", "int-page");
        invitationId = invitation.getString("id");
        token = invitation.getString("token");
    }

    private static RequestSpecification browser(String acceptLanguage) {
        return given().redirects().follow(false).header("Accept-Language", acceptLanguage);
    }

    private static Response post(String token, Map<String, String> form) {
        return browser("en").contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .post("/s/" + token);
    }

    private static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }

    @Test
    void aFreshLinkShowsTheCompanyAndEachQuestionOnItsScaleWithAnchorLabels() {
        Response response = browser("en-GB,en;q=0.8").get("/s/" + token);
        response.then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Language", "en")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "same-origin");
        Document page = html(response);
        assertThat(page.select("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("h1").text()).isEqualTo("Your feedback for Acme");

        List<Element> fieldsets = page.select("form fieldset");
        assertThat(fieldsets).hasSize(3);
        // CES 2.0 agreement 1-7, CSAT 1-7 (the fixture's SEVEN variant), NPS 0-10 (optional).
        assertScale(fieldsets.get(0), "q_ces", 1, 7, "Strongly disagree", "Strongly agree", true);
        assertScale(fieldsets.get(1), "q_csat", 1, 7, "Very dissatisfied", "Very satisfied", true);
        assertScale(fieldsets.get(2), "q_nps", 0, 10, "Not at all likely", "Extremely likely", false);
        assertThat(fieldsets.get(2).select("legend").text()).endsWith("(optional)");
        // The survey's own COMMENT question, with its limit; no extra comment box then.
        Element comment = page.selectFirst("textarea#q_comment");
        assertThat(comment.attr("maxlength")).isEqualTo("100");
        assertThat(page.select("label[for=q_comment]")).hasSize(1);
        assertThat(page.select("textarea")).hasSize(1);
        assertThat(page.select("form").attr("method")).isEqualTo("post");
        assertThat(page.select("button[type=submit]").text()).isEqualTo("Send");
        // Nothing of the workspace but the company; no script at all.
        assertThat(response.asString()).doesNotContain(WS).doesNotContain(surveyId).doesNotContain("cust-page")
                .doesNotContain("<script");
    }

    @Test
    void thePageIsSmallAndOnlyItsOwnStyleBlockMayRun() {
        Response response = browser("en").get("/s/" + token);
        assertThat(response.asByteArray().length).isLessThan(50 * 1024);
        String csp = response.header("Content-Security-Policy");
        Matcher nonce = Pattern.compile("style-src 'nonce-([A-Za-z0-9_-]{22})'").matcher(csp);
        assertThat(nonce.find()).as(csp).isTrue();
        assertThat(csp).contains("default-src 'none'").contains("form-action 'self'").contains("frame-ancestors 'none'");
        assertThat(html(response).select("style").attr("nonce")).isEqualTo(nonce.group(1));
        // A fresh nonce every time.
        assertThat(browser("en").get("/s/" + token).header("Content-Security-Policy")).isNotEqualTo(csp);
    }

    @Test
    void thePageSpeaksTheRespondentsLanguageAndEnglishOtherwise() {
        Response german = browser("fr;q=0.9, de-AT;q=0.8, en;q=0.1").get("/s/" + token);
        german.then().statusCode(200).header("Content-Language", "de").header("Vary", containsString("Accept-Language"));
        Document page = html(german);
        assertThat(page.select("html").attr("lang")).isEqualTo("de");
        assertThat(page.select("h1").text()).isEqualTo("Ihre Meinung zu Acme");
        assertThat(page.select("button").text()).isEqualTo("Absenden");
        assertThat(page.select("fieldset").first().select("small").eachText())
                .containsExactly("Stimme überhaupt nicht zu", "Stimme voll und ganz zu");

        Document other = html(browser("ja, zh;q=0.5").get("/s/" + token));
        assertThat(other.select("html").attr("lang")).isEqualTo("en");
        Document none = html(given().get("/s/" + token));
        assertThat(none.select("h1").text()).isEqualTo("Your feedback for Acme");
    }

    @Test
    void defaultQuestionTextsAreSaidInThePagesLanguageAndWrittenOnesAsWritten() {
        List<String> german = html(browser("de").get("/s/" + token)).select("legend").eachText();
        assertThat(german).containsExactly(
                "Acme hat es mir leicht gemacht, mein Anliegen zu erledigen. (Pflichtfrage)",
                "Wie zufrieden waren Sie mit Acme? (Pflichtfrage)",
                "Wie wahrscheinlich ist es, dass Sie Acme einem Freund oder Kollegen empfehlen? (optional)");
        List<String> english = html(browser("en").get("/s/" + token)).select("legend").eachText();
        assertThat(english.getFirst()).isEqualTo("Acme made it easy for me to handle my issue. (required)");

        String written = Fixtures.activeSurvey(WS, List.of(Map.of("key", "ces", "kind", "CES",
                "text", "Acme made renewing my licence easy.")));
        var invitation = Invitations.create(WS, written, "cust-written", null);
        assertThat(html(browser("de").get("/s/" + invitation.getString("token"))).select("legend").text())
                .startsWith("Acme made renewing my licence easy.");
    }

    @Test
    void aSurveyInItsOwnLanguageIsShownInItWhateverTheBrowserAsks() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        io.effortmap.survey.testing.JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.surveyBody(touchpoint));
        body.put("language", "de");
        body.put("questions", List.of(Map.of("key", "ces", "kind", "CES", "variant", "EFFORT_5",
                "text", "Wie viel Mühe hat Ihnen die Rücksendung gemacht?")));
        String id = given().auth().oauth2(TestTokens.admin(WS)).contentType(io.restassured.http.ContentType.JSON)
                .body(body).post("/api/v1/surveys").then().statusCode(201).body("language", equalTo("de"))
                .extract().path("id");
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"").post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(200).body("language", equalTo("de"));
        var invitation = Invitations.create(WS, id, "cust-de", null);

        Response page = browser("en-US,en;q=0.9").get("/s/" + invitation.getString("token"));
        page.then().statusCode(200).header("Content-Language", "de");
        Document html = html(page);
        assertThat(html.select("html").attr("lang")).isEqualTo("de");
        assertThat(html.select("legend").text()).isEqualTo("Wie viel Mühe hat Ihnen die Rücksendung gemacht? (Pflichtfrage)");
        assertThat(html.select("small").eachText()).containsExactly("Sehr einfach", "Sehr schwierig");
        assertThat(html.select("button").text()).isEqualTo("Absenden");
    }

    @Test
    void aLanguageThePageCannotSpeakIsRefusedNamingTheField() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        io.effortmap.survey.testing.JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.surveyBody(touchpoint));
        body.put("language", "fr");
        given().auth().oauth2(TestTokens.admin(WS)).contentType(io.restassured.http.ContentType.JSON).body(body)
                .post("/api/v1/surveys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("language"))
                .body("errors[0].message", equalTo("must be one of en, de"));
    }

    @Test
    void aPlainFormPostStoresTheAnswersOnceAndThanksTheRespondent() {
        Response thanks = post(token, Map.of("q_ces", "2", "q_csat", "6", "q_nps", "", "q_comment", "  Took three calls "));
        thanks.then().statusCode(200).contentType(containsString("text/html"));
        assertThat(html(thanks).select("h1").text()).isEqualTo("Thank you!");

        String responseId = TestDb.string("select response_id::text from invitation where id = ?::uuid", invitationId);
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/responses/" + responseId)
                .then().statusCode(200)
                .body("customerId", equalTo("cust-page"))
                .body("interactionId", equalTo("int-page"))
                .body("channel", equalTo("web"))
                .body("answers.questionKey", equalTo(List.of("ces", "csat", "comment")))
                .body("answers.score", equalTo(java.util.Arrays.asList(2, 6, null)))
                .body("answers[2].text", equalTo("Took three calls"));

        // Opening the link again, or sending the form twice, says it was answered; nothing is stored twice.
        Response again = browser("en").get("/s/" + token);
        again.then().statusCode(409).contentType(containsString("text/html"));
        assertThat(html(again).select("h1").text()).isEqualTo("Already answered");
        post(token, Map.of("q_ces", "5", "q_csat", "5")).then().statusCode(409);
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid", surveyId)).isEqualTo(1);
    }

    @Test
    void aMissingOrOffScaleAnswerRedisplaysTheFormWithTheErrorAtItsQuestionAndKeepsTheOtherChoices() {
        Response response = post(token, Map.of("q_csat", "9", "q_nps", "8", "q_comment", "Kept"));
        response.then().statusCode(400).contentType(containsString("text/html"));
        Document page = html(response);
        assertThat(page.select("[role=alert]").text()).isEqualTo("Please correct the answers marked below.");
        Element ces = page.select("fieldset").get(0);
        assertThat(ces.hasClass("invalid")).isTrue();
        assertThat(ces.attr("aria-describedby")).isEqualTo("q_ces-error");
        assertThat(ces.select("#q_ces-error").text()).isEqualTo("Please choose an answer.");
        assertThat(page.select("fieldset").get(1).select("#q_csat-error").text()).isEqualTo("Please choose an answer.");
        assertThat(page.select("fieldset").get(2).hasClass("invalid")).isFalse();
        assertThat(page.select("input[name=q_nps][checked]").attr("value")).isEqualTo("8");
        assertThat(page.select("textarea#q_comment").text()).isEqualTo("Kept");
        assertThat(TestDb.count("select count(*) from invitation where id = ?::uuid and used_at is null", invitationId))
                .isEqualTo(1);
    }

    @Test
    void anEffortScaleSurveyWithoutACommentQuestionOffersAnOptionalCommentStoredWithTheScore() {
        String effortSurvey = Fixtures.activeSurvey(WS, List.of(Map.of("key", "effort", "kind", "CES", "variant", "EFFORT_5")));
        var invitation = Invitations.create(WS, effortSurvey, "cust-effort", null);
        Document page = html(browser("en").get("/s/" + invitation.getString("token")));
        assertScale(page.selectFirst("fieldset"), "q_effort", 1, 5, "Very easy", "Very difficult", true);
        assertThat(page.select("label[for=comment]").text()).isEqualTo("Anything else you would like to tell us? (optional)");

        post(invitation.getString("token"), Map.of("q_effort", "4", "comment", "The form lost my data twice"))
                .then().statusCode(200);
        String responseId = TestDb.string("select response_id::text from invitation where id = ?::uuid",
                invitation.getString("id"));
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/responses/" + responseId)
                .then().statusCode(200)
                .body("answers[0].score", equalTo(4))
                .body("answers[0].text", equalTo("The form lost my data twice"));
    }

    @Test
    void expiredUnknownAndClosedLinksShowPlainPagesWithTheirStatus() {
        TestDb.execute("update invitation set expires_at = now() - interval '1 second' where id = '" + invitationId + "'");
        Response expired = browser("en").get("/s/" + token);
        expired.then().statusCode(410).contentType(containsString("text/html"));
        assertThat(html(expired).select("h1").text()).isEqualTo("This link has expired");
        post(token, Map.of("q_ces", "2", "q_csat", "3")).then().statusCode(410);

        Response unknown = browser("de").get("/s/" + "A".repeat(43));
        unknown.then().statusCode(404).contentType(containsString("text/html"));
        assertThat(html(unknown).select("h1").text()).isEqualTo("Umfrage nicht gefunden");
        browser("en").get("/s/not-a-token").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("Survey not found"));

        var open = Invitations.create(WS, surveyId, "cust-closed", null);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"").post("/api/v1/surveys/" + surveyId + "/close")
                .then().statusCode(200);
        Response closed = browser("en").get("/s/" + open.getString("token"));
        closed.then().statusCode(409);
        assertThat(html(closed).select("h1").text()).isEqualTo("Survey closed");
        assertThat(closed.asString()).doesNotContain("<form");
    }

    @Test
    void theTokenIsNeverEchoedIntoThePage() {
        String body = browser("en").get("/s/" + token).asString();
        assertThat(body).doesNotContain(token);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isPositive();
        browser("en").get("/s/" + token).then().header("Content-Type", not(containsString("json")))
                .header("Content-Type", matchesPattern("text/html;\\s*charset=UTF-8"));
    }

    private static void assertScale(Element fieldset, String name, int min, int max, String low, String high,
            boolean required) {
        List<Element> radios = fieldset.select("input[type=radio]");
        assertThat(radios).extracting(r -> r.attr("name")).containsOnly(name);
        assertThat(radios).extracting(r -> Integer.parseInt(r.attr("value")))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(min, max).boxed().toList());
        // Each point is a labelled radio (keyboard and screen readers); the two ends carry the anchor words.
        assertThat(fieldset.select("label > input[type=radio]")).hasSize(max - min + 1);
        assertThat(fieldset.select("small").eachText()).containsExactly(low, high);
        assertThat(radios.getFirst().parent().select("small").text()).isEqualTo(low);
        assertThat(radios.getLast().parent().select("small").text()).isEqualTo(high);
        assertThat(fieldset.select("legend")).hasSize(1);
        assertThat(radios).allMatch(r -> r.hasAttr("required") == required);
    }
}
