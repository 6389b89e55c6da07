package org.nestguard.console.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.nestguard.protocol.wire.WireJson;

/** JSON kept as text columns (portable), written and read with the wire mapping so what goes in comes out. */
final class JsonText {
    private static final ObjectMapper MAPPER = WireJson.mapper();

    private JsonText() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot store a value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("The store holds JSON that no longer reads as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    static JsonNode read(String text) {
        return read(text, JsonNode.class);
    }

    /** An enum constant's name on the wire (its {@code @JsonProperty}), which is also how the store keeps it. */
    static String name(Enum<?> value) {
        return MAPPER.valueToTree(value).asText();
    }

    static <T> List<T> readList(String text, Class<T> element) {
        try {
            return MAPPER.readValue(text, MAPPER.getTypeFactory().constructCollectionType(List.class, element));
        } catch (JsonProcessingException e) {
            throw new StoreException("The store holds JSON that no longer reads as a list of "
                    + element.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
