package io.effortmap.common.idempotency;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answer of a creating POST: 201 for a new object, 200 with {@code Idempotency-Replayed: true} for a replay. Both
 * carry the object's Location and, when it has one, its ETag.
 */
public final class CreatedAnswer {

    private CreatedAnswer() {
    }

    public static <T> RestResponse<T> of(Idempotency.Outcome<T> outcome, String location, EntityTag etag) {
        RestResponse.ResponseBuilder<T> builder = outcome.replayed()
                ? RestResponse.ResponseBuilder.<T>ok(outcome.value()).header(IdempotencyKey.REPLAYED, "true")
                : RestResponse.ResponseBuilder.<T>create(RestResponse.Status.CREATED).entity(outcome.value());
        builder.header(HttpHeaders.LOCATION, location);
        if (etag != null) {
            builder.tag(etag);
        }
        return builder.build();
    }
}
