package org.nestguard.protocol.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the first field a policy document has that the model does not know, or a key or list item left empty,
 * with its line. Jackson reports unknown fields of record types only after building the record, so a misspelt
 * field would otherwise be reported as the correct field "missing"; and an empty {@code encryption:} would load
 * as "no rule", silently dropping a control. This scan runs before binding so both are named.
 */
final class DocumentScan {
    private final ObjectMapper mapper;

    DocumentScan(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The first problem found: where, and what is wrong. */
    record Problem(String path, String message, JsonLocation location) {
    }

    /** The first problem, or null when every field is known and nothing is left empty. */
    Problem scan(JsonParser parser, Class<?> root) throws IOException {
        if (parser.nextToken() == null) {
            return null;
        }
        return value(parser, mapper.constructType(root), "");
    }

    private Problem value(JsonParser parser, JavaType type, String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return new Problem(path, path.endsWith("]")
                    ? "is an empty list item; remove the stray '-' or give the item a value"
                    : "has no value; give it one, or remove the line if the setting's policy has no such rule",
                    parser.currentTokenLocation());
        }
        if (token == JsonToken.START_OBJECT && isModel(type)) {
            Map<String, JavaType> fields = fieldsOf(type);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                JavaType child = fields.get(name);
                String childPath = path.isEmpty() ? name : path + "." + name;
                if (child == null) {
                    return new Problem(childPath, "unknown field '" + name + "'; expected one of: "
                            + String.join(", ", fields.keySet()), at);
                }
                parser.nextToken();
                Problem found = value(parser, child, childPath);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (token == JsonToken.START_ARRAY && type.isCollectionLikeType()) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Problem found = value(parser, type.getContentType(), path + "[" + index++ + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        parser.skipChildren(); // a scalar or a shape mismatch: binding reports the latter precisely
        return null;
    }

    private static boolean isModel(JavaType type) {
        return type.getRawClass().isRecord() && type.getRawClass().getPackageName().equals(Policy.class.getPackageName());
    }

    private Map<String, JavaType> fieldsOf(JavaType type) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        Map<String, JavaType> fields = new TreeMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.hasConstructorParameter()) {
                fields.put(property.getName(), property.getConstructorParameter().getType());
            }
        }
        return fields;
    }
}
