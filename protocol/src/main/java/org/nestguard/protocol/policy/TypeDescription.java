package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** Says in plain words what kind of value a policy field takes, for error messages. */
final class TypeDescription {
    private TypeDescription() {
    }

    static String of(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT5M";
        }
        if (type == LocalDate.class) {
            return "a date written YYYY-MM-DD, such as 2026-09-03";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == PasswordAge.class) {
            return "'none', 'term' or a period such as P1Y";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                    .map(f -> {
                        JsonProperty name = f.getAnnotation(JsonProperty.class);
                        return name == null ? f.getName() : name.value();
                    })
                    .collect(Collectors.joining(", "));
        }
        if (type.isRecord()) {
            return "a mapping with fields " + Arrays.stream(type.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }
}
