package io.effortmap.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.common.problem.FieldNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Question(String key, List<String> tags, Map<String, Map<String, String>> labels) {
    }

    record Survey(String name, List<Question> questions, Map<String, String> segments) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void aRepeatedKeyIsRefusedNamingItsPath() {
        String body = "{\"name\": \"a\", \"questions\": [{\"key\": \"x\", \"key\": \"y\"}]}";
        assertThatThrownBy(() -> mapper.readValue(body, Survey.class))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("questions[0].key"));
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\", \"name\": \"b\"}", Survey.class))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("name"));
        assertThat(FieldNames.duplicateKey(new IllegalStateException("Duplicate field 'x'"))).isNull();
    }

    @Test
    void aKeyRepeatedInAMapNamesTheEntryLikeEveryOtherError() {
        assertThatThrownBy(() -> mapper.readValue("{\"segments\": {\"region\": \"a\", \"region\": \"b\"}}", Survey.class))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("segments[region]"));
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"questions\": [{\"labels\": {\"en\": {\"a.b\": \"x\", \"a.b\": \"y\"}}}]}", Survey.class))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("questions[0].labels[en][a.b]"));
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"questions\": [{\"labels\": {\"en\": {}, \"en\": {}}}]}", Survey.class))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("questions[0].labels[en]"));
    }

    @Test
    void aKeyRepeatedInATreeNamesMapEntriesByTheDeclaredTypeOfTheDocument() {
        assertThatThrownBy(() -> mapper.readTree("{\"segments\": {\"region\": \"a\", \"region\": \"b\"}}"))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e, Survey.class)).isEqualTo("segments[region]"))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("segments.region"));
        assertThatThrownBy(() -> mapper.readTree("[{}, {\"segments\": {\"r.x\": \"a\", \"r.x\": \"b\"}}]"))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e, Survey[].class)).isEqualTo("[1].segments[r.x]"));
        assertThatThrownBy(() -> mapper.readTree("{\"questions\": [{\"key\": \"a\", \"key\": \"b\"}]}"))
                .satisfies(e -> assertThat(FieldNames.duplicateKey(e, Survey.class)).isEqualTo("questions[0].key"));
    }

    @Test
    void aRepeatedKeyIsRefusedInTreesToo() {
        assertThatThrownBy(() -> mapper.readTree("[{\"a\": 1, \"a\": 2}]"))
                .isInstanceOfSatisfying(JsonParseException.class, e -> assertThat(FieldNames.duplicateKey(e)).isEqualTo("[0].a"));
    }

    @Test
    void textTheStoresCannotHoldIsRefusedNamingTheField() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\\u0000b\"}", Survey.class))
                .isInstanceOfSatisfying(UnstorableTextException.class, e -> {
                    assertThat(FieldNames.of(e, "body")).isEqualTo("name");
                    assertThat(FieldNames.problemWith(e)).contains("U+0000");
                });
        assertThatThrownBy(() -> mapper.readValue("{\"questions\": [{\"tags\": [\"ok\", \"\\ud800\"]}]}", Survey.class))
                .isInstanceOfSatisfying(JsonMappingException.class,
                        e -> assertThat(FieldNames.of(e, "body")).isEqualTo("questions[0].tags[1]"));
        assertThatThrownBy(() -> mapper.readValue("{\"segments\": {\"region\": \"E\\u0000U\"}}", Survey.class))
                .isInstanceOfSatisfying(UnstorableTextException.class,
                        e -> assertThat(FieldNames.of(e, "body")).as("a map entry, as Bean Validation names it")
                                .isEqualTo("segments[region]"));
        assertThatThrownBy(() -> mapper.readValue("{\"segments\": {\"re\\u0001gion\": \"EU\"}}", Survey.class))
                .isInstanceOfSatisfying(UnstorableTextException.class,
                        e -> assertThat(FieldNames.of(e, "body")).startsWith("segments"));
    }

    @Test
    void textInTreesIsCheckedWhenBound() throws Exception {
        JsonNode tree = mapper.readTree("{\"name\": \"a\\u0000\"}");
        assertThatThrownBy(() -> mapper.treeToValue(tree, Survey.class)).isInstanceOf(UnstorableTextException.class);
    }

    @Test
    void ordinaryTextPasses() throws Exception {
        Survey s = mapper.readValue("{\"name\": \"Grüße\\n😀\", \"segments\": {\"region\": \"EU\"}}", Survey.class);
        assertThat(s.name()).isEqualTo("Grüße\n😀");
        assertThat(s.segments()).containsEntry("region", "EU");
    }
}
