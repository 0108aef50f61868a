package io.effortmap.gateway.problem;

import io.effortmap.gateway.routing.rest.SecurityHeaders;
import io.effortmap.gateway.routing.service.RouteTable;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * RFC 9457 bodies for what the gateway itself answers (no route, auth failures, upstream trouble); on respondents'
 * survey pages ({@code /s/}), where a person reads the answer in a browser, a short HTML page with the same status.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(HttpServerResponse response, int status, String title, String detail, String instance) {
        send(response, status, title, detail, instance, null, null);
    }

    /**
     * As {@link #send(HttpServerResponse, int, String, String, String)}, with one {@code errors[]} entry naming the
     * field at fault (the services' convention: {@code {"field": ..., "message": ...}}), so that clients find what to
     * fix where they look for it in every other 4xx.
     */
    public static void send(HttpServerResponse response, int status, String title, String detail, String instance,
            String field, String message) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (instance != null && instance.startsWith(RouteTable.RESPONDENT_PAGES)) {
            page(response, status);
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (field != null) {
            body.put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", message)));
        }
        SecurityHeaders.addMissing(response.headers());
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(body.encode());
    }

    /** A plain page saying what to do; the path (it holds the invitation token) is not repeated in it. */
    private static void page(HttpServerResponse response, int status) {
        String title = status == 429 ? "Too many attempts" : status >= 500 ? "Please try again shortly"
                : "This page could not be shown";
        String text = status == 429 ? "Please wait a minute, then reload this page."
                : status >= 500 ? "We could not load or save the survey just now. Please try again in a few minutes."
                : "Please check the link you received.";
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><main><h1>"
                + title + "</h1><p>" + text + "</p></main></body></html>";
        SecurityHeaders.addMissing(response.headers());
        response.setStatusCode(status)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .end(html);
    }
}
