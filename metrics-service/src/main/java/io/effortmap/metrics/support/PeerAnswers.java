package io.effortmap.metrics.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.effortmap.common.problem.ProblemException;
import jakarta.ws.rs.WebApplicationException;

/**
 * How an answer of journey-service or survey-service to a lookup made with the caller's token is judged. A 4xx and an
 * answer that cannot be read as what was asked for are about the caller's request (its ids, its token): they become a
 * 404 problem naming the field, never retried and never counted by a circuit breaker as an outage, so one workspace's
 * bad requests cannot make another workspace's reads fail. Only 5xx, timeouts and connection failures are outages.
 */
public final class PeerAnswers {

    private PeerAnswers() {
    }

    /** The caller's problem as a 404 naming {@code field}, or {@code e} itself when it is an outage. */
    public static Throwable classify(Throwable e, String field, String what) {
        if (e instanceof ProblemException) {
            return e;
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() >= 400
                && w.getResponse().getStatus() < 500) {
            return notConfirmed(field, what, w.getResponse().getStatus() == 404
                    ? "is not " + what + " of your workspace"
                    : "could not be confirmed as " + what + " of your workspace (answered " + w.getResponse().getStatus() + ")");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return notConfirmed(field, what, "could not be confirmed as " + what + " of your workspace (unreadable answer)");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }

    public static ProblemException notConfirmed(String field, String what, String message) {
        return ProblemException.notFound("No " + what.replaceFirst("^an? ", "") + " with that id in your workspace", field,
                message);
    }
}
