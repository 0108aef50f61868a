package io.effortmap.common.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.effortmap.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

class IdShapeTest {

    @Test
    void prefixedIdsNeedTheirPrefixAndUrlSafeCharacters() {
        assertThat(IdShape.TOUCHPOINT.matches("tp_8Hn2Lq0xWc4R")).isTrue();
        assertThat(IdShape.TOUCHPOINT.matches("jr_8Hn2Lq0xWc4R")).isFalse();
        assertThat(IdShape.TOUCHPOINT.matches("..")).isFalse();
        assertThat(IdShape.TOUCHPOINT.matches(".")).isFalse();
        assertThat(IdShape.TOUCHPOINT.matches("tp_8Hn2Lq0x/c4R")).isFalse();
        assertThat(IdShape.TOUCHPOINT.matches("tp_short")).isFalse();
        assertThat(IdShape.JOURNEY.matches(null)).isFalse();
    }

    @Test
    void surveyIdsAreCanonicalUuids() {
        assertThat(IdShape.SURVEY.matches("7d3f1e2a-0c4b-4d7e-9a61-2f0e8b5c3a19")).isTrue();
        assertThat(IdShape.SURVEY.matches("7d3f1e2a0c4b4d7e9a612f0e8b5c3a19")).isFalse();
        assertThat(IdShape.SURVEY.matches("1-1-1-1-1")).isFalse();
    }

    @Test
    void bodyIdsAnswer400AndPathIds404NamingTheField() {
        assertThatThrownBy(() -> IdShape.JOURNEY.requireInBody("journeyId", ".."))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors().getFirst().field()).isEqualTo("journeyId");
                });
        assertThatThrownBy(() -> IdShape.SURVEY.requireInPath("id", "."))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errors().getFirst().field()).isEqualTo("id");
                });
    }

    @Test
    void pathSegmentsEncodeDotsAndReservedCharacters() {
        assertThat(PathSegments.encode("..")).isEqualTo("%2E%2E");
        assertThat(PathSegments.encode("a/b?c#d%e f")).isEqualTo("a%2Fb%3Fc%23d%25e%20f");
        assertThat(PathSegments.encode("tp_8Hn2-Lq0xWc4R")).isEqualTo("tp_8Hn2-Lq0xWc4R");
        assertThat(PathSegments.encode("é")).isEqualTo("%C3%A9");
    }
}
