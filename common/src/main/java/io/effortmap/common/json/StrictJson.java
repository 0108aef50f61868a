package io.effortmap.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Strict input for every service: unknown properties are rejected (so no client can set a workspace or an id it does
 * not own), {@code 1.5} is not an integer, trailing garbage after the document is an error, a key repeated in one
 * object is an error (which of two values counts would otherwise depend on the parser), and every string must be
 * {@link io.effortmap.common.text.StorableText storable text}. The same mapper reads the REST clients' answers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("storable-text")
                .addDeserializer(String.class, new StorableStringDeserializer())
                .addKeyDeserializer(String.class, new StorableKeyDeserializer()));
    }
}
