package org.nestguard.protocol.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads durations only as ISO-8601 text; a bare number is refused because its unit would be a guess. */
final class IsoDurationDeserializer extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;
    static final String EXPECTED = "expected an ISO-8601 duration such as PT5M (5 minutes), PT30S (30 seconds) "
            + "or P7D (7 days)";

    IsoDurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) context.handleWeirdStringValue(Duration.class, parser.getText(), EXPECTED);
        }
        String text = parser.getText().strip();
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, text, EXPECTED);
        }
    }
}
