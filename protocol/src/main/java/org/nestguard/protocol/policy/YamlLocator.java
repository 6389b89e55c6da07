package org.nestguard.protocol.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds where a field is written in a YAML document, so an error found after parsing (a value out of range,
 * term dates out of order) still points at the right line.
 */
final class YamlLocator {
    private YamlLocator() {
    }

    /**
     * @param dottedPath a path such as {@code termDates[2].start} or {@code screenLock.maxIdle}
     * @return the location of that field's key (or list item), or null when it is not in the document
     */
    static JsonLocation locate(String yaml, String dottedPath) {
        String target = pointer(dottedPath);
        try (JsonParser parser = PolicyLoader.yamlFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                if (parser.getParsingContext().pathAsPointer().toString().equals(target)) {
                    return parser.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return null; // the document parsed once already; any failure here only loses the line number
        }
        return null;
    }

    private static String pointer(String dottedPath) {
        StringBuilder pointer = new StringBuilder();
        for (String part : dottedPath.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }
}
