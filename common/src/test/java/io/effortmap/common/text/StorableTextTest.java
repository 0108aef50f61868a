package io.effortmap.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void acceptsOrdinaryTextWithTabsLineBreaksAndAstralCharacters() {
        assertThat(StorableText.problem("Grüße\tnach\r\nKöln 😀 — ok")).isNull();
        assertThat(StorableText.problem("")).isNull();
        assertThat(StorableText.problem(null)).isNull();
    }

    @Test
    void refusesNulOtherControlCharactersAndC1Controls() {
        assertThat(StorableText.problem("a\u0000b")).contains("U+0000");
        assertThat(StorableText.problem("\u001b[31mred")).contains("U+001B");
        assertThat(StorableText.problem("del\u007f")).contains("U+007F");
        assertThat(StorableText.problem("c1\u0085")).contains("U+0085");
        assertThat(StorableText.problem("form\u000cfeed")).contains("U+000C");
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertThat(StorableText.problem("x\ud800")).contains("unpaired surrogate");
        assertThat(StorableText.problem("\udc00x")).contains("unpaired surrogate");
        assertThat(StorableText.problem("\ud800x")).contains("unpaired surrogate");
    }
}
