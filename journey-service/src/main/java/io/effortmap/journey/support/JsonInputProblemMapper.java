package io.effortmap.journey.support;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.effortmap.common.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem responses for JSON that parses but does not bind (unknown property, wrong type, unknown enum value).
 *
 * <p>quarkus-rest-jackson registers its own mapper for {@link MismatchedInputException} (priority 5100, plain JSON
 * body), which is more specific than the {@code JsonProcessingException} mapper of {@code ProblemMappers} and so wins
 * over it. This mapper has the default user priority and restores the problem+json shape naming the field. It belongs
 * in effortmap-common; until it moves there, it lives here.
 */
public class JsonInputProblemMapper {

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = FieldNames.of(e, "body");
        String message = e instanceof UnrecognizedPropertyException ? "is not a known property" : "has the wrong type or format";
        Problem problem = new Problem("about:blank", "Bad Request", 400, field + ": " + message,
                uri == null ? null : uri.getPath(), List.of(new Problem.FieldError(field, message)));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
