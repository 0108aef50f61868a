package io.effortmap.common.json;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import io.effortmap.common.text.StorableText;

/** Map keys (segment attributes) follow the same {@link StorableText} rule as values. */
final class StorableKeyDeserializer extends KeyDeserializer {

    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws UnstorableTextException {
        String problem = StorableText.problem(key);
        if (problem != null) {
            throw new UnstorableTextException(ctxt.getParser(), "keys " + problem);
        }
        return key;
    }
}
