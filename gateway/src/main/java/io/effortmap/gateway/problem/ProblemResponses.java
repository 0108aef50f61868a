package io.effortmap.gateway.problem;

import io.effortmap.gateway.routing.rest.SecurityHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** RFC 9457 bodies for what the gateway itself answers (no route, auth failures, upstream trouble). */
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
}
