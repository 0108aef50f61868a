package io.effortmap.common.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

class DeclaredParametersTest {

    static class Filters {
        @RestQuery
        String surveyId;
        @QueryParam("from")
        String start;
        @RestQuery
        List<String> segment;
        String notAParameter;
    }

    @SuppressWarnings("unused")
    static class Resource {
        void list(@PathParam("id") String id, @QueryParam("limit") String limit, @RestQuery String after,
                @RestQuery("kind") String k, @BeanParam Filters filters, String body) {
        }

        void none(String body) {
        }
    }

    @Test
    void collectsQueryParametersOfTheMethodAndItsBeanParams() throws Exception {
        var list = Resource.class.getDeclaredMethod("list", String.class, String.class, String.class, String.class,
                Filters.class, String.class);
        assertThat(DeclaredParameters.queryParameters(list))
                .containsExactlyInAnyOrder("limit", "after", "kind", "surveyId", "from", "segment");
        var none = Resource.class.getDeclaredMethod("none", String.class);
        assertThat(DeclaredParameters.queryParameters(none)).isEmpty();
    }
}
