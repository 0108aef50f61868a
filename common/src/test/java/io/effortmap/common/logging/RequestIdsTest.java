package io.effortmap.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsUuidsAndOtherVisibleAsciiIds() {
        assertThat(RequestIds.acceptable("3f1c2a9e-7b2d-4c1e-9a8f-0b1c2d3e4f5a")).isTrue();
        assertThat(RequestIds.acceptable("req-42")).isTrue();
        assertThat(RequestIds.acceptable("x".repeat(200))).isTrue();
    }

    @Test
    void rejectsIdsThatCouldForgeOrBloatLogLines() {
        assertThat(RequestIds.acceptable(null)).isFalse();
        assertThat(RequestIds.acceptable("")).isFalse();
        assertThat(RequestIds.acceptable("x".repeat(201))).isFalse();
        assertThat(RequestIds.acceptable("a b")).isFalse();
        assertThat(RequestIds.acceptable("a\r\nINFO forged line")).isFalse();
        assertThat(RequestIds.acceptable("caf\u00e9")).isFalse();
    }
}
