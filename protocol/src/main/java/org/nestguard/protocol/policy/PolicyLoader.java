package org.nestguard.protocol.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a policy YAML document and validates it completely. Every problem becomes a {@link PolicyException}
 * naming the file, line, column and field, and what was expected; an unknown field is an error, never ignored.
 */
public final class PolicyLoader {
    // one mapper for every loader: a fresh one introspects the policy's classes again on its first read (tens of
    // milliseconds a parse, paid per page view and check-in where a loader was made per call); configured once
    // here and never changed after, it is safe to share between threads
    private static final ObjectMapper MAPPER = strictMapper();

    private static ObjectMapper strictMapper() {
        SimpleModule durations = new SimpleModule("nestguard-durations");
        durations.addDeserializer(Duration.class, new IsoDurationDeserializer());
        ObjectMapper mapper = YAMLMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // "yes", "5" or "1" are never silently read as a boolean or number.
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    public Policy load(Path file) throws PolicyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(file.toString(), 0, 0, "", "cannot be read (" + e.getMessage()
                    + "); check the path and that the agent may read it", e);
        }
        return parse(file.toString(), text);
    }

    /** Parses a policy held in memory; {@code source} names it in errors. */
    public Policy parse(String source, String yaml) throws PolicyException {
        if (yaml.isBlank()) {
            throw new PolicyException(source, 0, 0, "", "is empty; expected a policy document starting with "
                    + "'schemaVersion: 1'", null);
        }
        Policy policy;
        try {
            DocumentScan.Problem problem;
            try (JsonParser parser = MAPPER.createParser(yaml)) {
                problem = new DocumentScan(MAPPER).scan(parser, Policy.class);
            }
            if (problem != null) {
                throw new PolicyException(source, problem.location().getLineNr(), problem.location().getColumnNr(),
                        problem.path(), problem.message(), null);
            }
            policy = MAPPER.readValue(yaml, Policy.class);
        } catch (JsonProcessingException e) {
            throw translate(source, yaml, e);
        } catch (IOException e) {
            throw new PolicyException(source, 0, 0, "", "cannot be read: " + firstLine(e.getMessage()), e);
        }
        if (policy == null) {
            throw new PolicyException(source, 0, 0, "", "is empty; expected a policy document starting with "
                    + "'schemaVersion: 1'", null);
        }
        return policy;
    }

    private PolicyException translate(String source, String yaml, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        if (e instanceof JacksonYAMLParseException) {
            String problem = firstLine(e.getOriginalMessage());
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                problem = marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
                if (marked.getProblemMark() != null) {
                    line = marked.getProblemMark().getLine() + 1;
                    column = marked.getProblemMark().getColumn() + 1;
                }
            }
            return new PolicyException(source, line, column, "", "is not valid YAML: " + problem
                    + "; check the indentation and brackets around this line", e);
        }
        String message = e.getOriginalMessage();
        String field = e instanceof JsonMappingException mapping ? dotted(mapping.getPath()) : "";
        if (message != null && message.startsWith("Duplicate field")) {
            // A duplicate is found while parsing, before any mapping path exists: take the path from the parser.
            if (field.isEmpty() && e.getProcessor() instanceof JsonParser parser) {
                field = dotted(parser.getParsingContext().pathAsPointer().toString());
            }
            return new PolicyException(source, line, column, field,
                    message.replace("Duplicate field", "the field") + " appears twice; keep one", e);
        }
        if (!(e instanceof JsonMappingException)) {
            return new PolicyException(source, line, column, "", "cannot be read: " + firstLine(message), e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new PolicyException(source, line, column, field, "unknown field '" + unknown.getPropertyName()
                    + "'; expected one of: " + names(unknown.getKnownPropertyIds()), e);
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof PolicyFieldException bad) {
            String full = join(field, bad.field());
            JsonLocation exact = YamlLocator.locate(yaml, full);
            if (exact == null) {
                exact = YamlLocator.locate(yaml, field); // a missing field: point at the mapping that lacks it
            }
            if (exact != null) {
                line = exact.getLineNr();
                column = exact.getColumnNr();
            }
            return new PolicyException(source, line, column, full, bad.getMessage(), e);
        }
        if (e instanceof InvalidFormatException format) {
            String problem = format.getOriginalMessage();
            String expected = problem != null && problem.contains("expected ") && format.getTargetType() == Duration.class
                    ? problem.substring(problem.indexOf("expected "))
                    : "expected " + TypeDescription.of(format.getTargetType());
            return new PolicyException(source, line, column, field,
                    "'" + format.getValue() + "' is not allowed here; " + expected, e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String found = mismatch.getProcessor() instanceof JsonParser parser ? found(parser.currentToken()) : null;
            return new PolicyException(source, line, column, field, "expected "
                    + TypeDescription.of(mismatch.getTargetType()) + (found == null ? "" : " but found " + found), e);
        }
        return new PolicyException(source, line, column, field, firstLine(e.getOriginalMessage()), e);
    }

    private static String join(String base, String child) {
        if (base.isEmpty()) {
            return child;
        }
        // A creator for a single value (PasswordAge) names itself; do not repeat it.
        String last = base.substring(Math.max(base.lastIndexOf('.'), base.lastIndexOf(']')) + 1);
        return child.equals(last) ? base : base + "." + child;
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(reference.getFieldName());
            }
        }
        return text.toString();
    }

    /** {@code /termDates/2/start} as {@code termDates[2].start}. */
    private static String dotted(String pointer) {
        StringBuilder text = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                text.append('[').append(part).append(']');
            } else {
                text.append(text.length() > 0 ? "." : "").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return text.toString();
    }

    private static String names(Collection<Object> known) {
        return known == null ? "(none)" : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String found(JsonToken token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT, FIELD_NAME, END_OBJECT -> "a mapping";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "nothing (an empty value)";
            default -> null;
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** The YAML factory the locator re-reads documents with. */
    static YAMLFactory yamlFactory() {
        return new YAMLFactory();
    }
}
