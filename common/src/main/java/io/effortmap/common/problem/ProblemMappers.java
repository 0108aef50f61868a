package io.effortmap.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
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
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return build(400, "Bad Request", errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid", uri, errors).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m.getPath()) : "body";
        String message = e instanceof JsonMappingException ? "has the wrong type or format" : "is not valid JSON";
        return build(400, "Bad Request", field + ": " + message, uri,
                List.of(new Problem.FieldError(field, message))).build();
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
        Response original = e.getResponse();
        int status = original.getStatus();
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = status == 404 ? "No such resource" : e.getMessage();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", uri.getPath());
            detail = "The request could not be completed";
        }
        return build(status, title, detail, uri, List.of()).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", id, uri.getPath());
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

    /** Bean Validation paths look like {@code create.request.questions[0].text}; clients want {@code questions[0].text}. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        boolean sawParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                sawParameter = true;
                parts.add(node.getName());
                continue;
            }
            String name = node.getName();
            String part = node.getIndex() != null ? "[" + node.getIndex() + "]" : node.getKey() != null ? "[" + node.getKey() + "]" : "";
            if (name != null) {
                parts.add(name + part);
            } else if (!part.isEmpty() && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.getLast() + part);
            }
        }
        // The parameter name of a request body (e.g. "request") is noise once a property below it is named.
        if (sawParameter && parts.size() > 1) {
            parts.removeFirst();
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return "body";
        }
        return path.stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
