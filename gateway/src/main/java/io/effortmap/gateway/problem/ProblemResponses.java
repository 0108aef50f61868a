package io.effortmap.gateway.problem;

import io.effortmap.gateway.routing.rest.SecurityHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 bodies for what the gateway itself answers (no route, auth failures, upstream trouble). */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(HttpServerResponse response, int status, String title, String detail, String instance) {
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
        SecurityHeaders.addMissing(response.headers());
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(body.encode());
    }
}
