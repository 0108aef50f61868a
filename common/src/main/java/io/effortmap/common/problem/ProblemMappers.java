package io.effortmap.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.effortmap.common.store.StoreFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}. Unexpected errors are logged with an id and answered
 * without internals, so a client never sees a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = build(e.status(), e.title(), e.getMessage(), uri, e.errors());
        if (e.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, e.retryAfter());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldNames.of(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return build(400, "Bad Request", errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid", uri, errors).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? FieldNames.of(m, "body") : "body";
        String message = e instanceof JsonMappingException m ? FieldNames.problemWith(m) : "is not valid JSON";
        return build(400, "Bad Request", field + ": " + message, uri,
                List.of(new Problem.FieldError(field, message))).build();
    }

    /** quarkus-rest-jackson maps this type itself (plain JSON); a mapper for the exact type takes precedence. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(403, "Forbidden", "Your role does not allow this operation", uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus wraps a body that is not JSON at all into a 400 WebApplicationException.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = status == 404 ? "No such resource" : e.getMessage();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", LogSafe.path(uri.getPath()));
            detail = "The request could not be completed";
        }
        return build(status, title, detail, uri, List.of()).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // A store that is down or too slow is an outage, not a bug: 503 with Retry-After, whichever call hit it.
        if (StoreFailures.isUnavailable(e)) {
            LOG.warnf("Store unavailable on %s: %s", LogSafe.path(uri.getPath()), e.toString());
            return problem((ProblemException) StoreFailures.translate(e), uri);
        }
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", id, LogSafe.path(uri.getPath()));
        return build(500, "Internal Server Error", "Unexpected failure, reference " + id, uri, List.of()).build();
    }

    private static Response unauthenticated(UriInfo uri) {
        return build(401, "Unauthorized", "A valid bearer token is required", uri, List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response.ResponseBuilder build(int status, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }
}
