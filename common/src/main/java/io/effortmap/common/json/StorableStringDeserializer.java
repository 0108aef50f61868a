package io.effortmap.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import io.effortmap.common.text.StorableText;
import java.io.IOException;

/** Jackson's own string reading, then the {@link StorableText} rule; the failure carries the field's JSON path. */
final class StorableStringDeserializer extends StdScalarDeserializer<String> {

    StorableStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = StringDeserializer.instance.deserialize(p, ctxt);
        String problem = StorableText.problem(value);
        if (problem != null) {
            throw new UnstorableTextException(p, problem);
        }
        return value;
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}
