package io.effortmap.survey.respondent.rest;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.respondent.service.LinkNotOpenException;
import io.effortmap.survey.respondent.service.PublicSurveyService;
import io.effortmap.survey.survey.model.SurveyLanguages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The hosted survey page behind an invitation link ({@code /s/<token>}): server-rendered HTML with a plain form post,
 * so it works without JavaScript, in the survey's language when it sets one, else the respondent's
 * ({@code Accept-Language}; English otherwise). It shows
 * the company's name and the questions, nothing else of the workspace. It is a page, not part of the API: hidden from
 * the OpenAPI document, like the console.
 */
@Path("/s/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SurveyPageResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance survey(SurveyPage page);

        static native TemplateInstance notice(SurveyPage.Notice notice);
    }

    private final PublicSurveyService publicSurveys;

    SurveyPageResource(PublicSurveyService publicSurveys) {
        this.publicSurveys = publicSurveys;
    }

    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<String>> page(@RestPath String token, HttpHeaders headers) {
        String browser = language(headers);
        String nonce = nonce();
        return publicSurveys.survey(token)
                .chain(survey -> {
                    String lang = survey.language() != null ? survey.language() : browser;
                    return page(200, SurveyPageForm.blank(survey, messages(lang)).page(lang, nonce), lang, nonce);
                })
                .onFailure(ProblemException.class)
                .recoverWithUni(e -> notice((ProblemException) e, messages(browser), browser, nonce));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> answer(@RestPath String token, MultivaluedMap<String, String> form,
            HttpHeaders headers) {
        String browser = language(headers);
        String nonce = nonce();
        return publicSurveys.survey(token)
                .chain(survey -> {
                    String lang = survey.language() != null ? survey.language() : browser;
                    PageMessages messages = messages(lang);
                    SurveyPageForm posted = SurveyPageForm.posted(survey, messages, form::getFirst);
                    if (!posted.valid()) {
                        return page(400, posted.page(lang, nonce), lang, nonce);
                    }
                    return publicSurveys.submit(token, posted.request()).chain(receipt -> notice(200,
                            messages.thanksTitle(), messages.thanksText(), lang, nonce, null));
                })
                .onFailure(ProblemException.class)
                .recoverWithUni(e -> notice((ProblemException) e, messages(browser), browser, nonce));
    }

    private static Uni<RestResponse<String>> page(int status, SurveyPage page, String lang, String nonce) {
        return respond(status, Templates.survey(page), lang, nonce, null);
    }

    private static Uni<RestResponse<String>> notice(ProblemException e, PageMessages messages, String lang,
            String nonce) {
        if (e instanceof LinkNotOpenException link) {
            return switch (link.reason()) {
                case UNKNOWN -> notice(404, messages.unknownTitle(), messages.unknownText(), lang, nonce, null);
                case ANSWERED -> notice(409, messages.answeredTitle(), messages.answeredText(), lang, nonce, null);
                case EXPIRED -> notice(410, messages.expiredTitle(), messages.expiredText(), lang, nonce, null);
                case SURVEY_CLOSED -> notice(409, messages.closedTitle(), messages.closedText(), lang, nonce, null);
                case SURVEY_NOT_OPEN -> notice(409, messages.notOpenTitle(), messages.notOpenText(), lang, nonce, null);
            };
        }
        if (e.status() == 503) {
            return notice(503, messages.unavailableTitle(), messages.unavailableText(), lang, nonce, e.retryAfter());
        }
        if (e.status() >= 500) {
            return Uni.createFrom().failure(e); // logged with a reference by the service; the common mapper answers it
        }
        // The service refused what the page let through (its rules changed in between): say so plainly.
        return notice(e.status(), messages.rejectedTitle(), messages.rejectedText(), lang, nonce, null);
    }

    private static Uni<RestResponse<String>> notice(int status, String title, String text, String lang,
            String nonce, String retryAfter) {
        return respond(status, Templates.notice(new SurveyPage.Notice(lang, nonce, title, text)), lang, nonce, retryAfter);
    }

    private static Uni<RestResponse<String>> respond(int status, TemplateInstance template, String lang,
            String nonce, String retryAfter) {
        // Rendered here rather than by the Qute response filter, which would drop the charset from the type.
        return template.setLocale(Locale.forLanguageTag(lang)).createUni().map(html -> {
            RestResponse.ResponseBuilder<String> response = RestResponse.ResponseBuilder.<String>create(status)
                    .entity(html)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header(HttpHeaders.CONTENT_LANGUAGE, lang)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                    // nosniff and no-store come with every answer (application.properties). The link is a credential:
                    // never sent as a referrer to another site. Not no-referrer: the form post's Origin would then be
                    // "null", which the gateway's CORS check refuses.
                    .header("Referrer-Policy", "same-origin")
                    // Only this page's own style block; no script at all; the form posts back here only; never framed.
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "';"
                            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            if (retryAfter != null) {
                response.header(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            return response.build();
        });
    }

    /** The first language of Accept-Language (by weight) that the page speaks; English otherwise. */
    static String language(HttpHeaders headers) {
        for (Locale locale : headers.getAcceptableLanguages()) {
            String language = locale.getLanguage().toLowerCase(Locale.ROOT);
            if (SurveyLanguages.SUPPORTED.contains(language)) {
                return language;
            }
        }
        return SurveyLanguages.fallback();
    }

    private static PageMessages messages(String lang) {
        return MessageBundles.get(PageMessages.class, Localized.Literal.of(lang));
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
