package dev.imagegen4j.internal;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values out of named fields, such as a parsed JSON object, collecting every problem so that
 * one {@link InvalidRequestException} reports them all. Each problem names the field as the input does;
 * the rules are {@code unknown_parameter}, {@code missing_required_parameter}, {@code invalid_type} and
 * {@code invalid_value}.
 */
public final class FieldReader {
    private final Map<String, ?> fields;
    private final List<Violation> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    public FieldReader(Map<String, ?> fields) {
        this.fields = fields;
    }

    public void rejectUnknown(Set<String> known) {
        for (String name : new TreeSet<>(fields.keySet())) {
            if (!known.contains(name)) {
                problem(name, "unknown_parameter", name, "unknown parameter '" + name + "'");
            }
        }
    }

    public boolean failed(String name) {
        return failed.contains(name);
    }

    public void problem(String name, String rule, @Nullable Object value, String message) {
        failed.add(name);
        problems.add(Violation.of(name, rule, value, message));
    }

    public @Nullable String string(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return wrongType(name, "a string", value);
    }

    public @Nullable Long longInteger(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return wrongType(name, "an integer", value);
            }
        }
        return wrongType(name, "an integer", value);
    }

    /** A list of strings; a single string counts as a list of one. */
    public List<String> strings(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        wrongType(name, "a string or an array of strings", value);
        return List.of();
    }

    public @Nullable Integer integer(String name) {
        Long whole = longInteger(name);
        if (whole == null) {
            return null;
        }
        return whole == whole.intValue() ? whole.intValue() : wrongType(name, "an integer", fields.get(name));
    }

    public @Nullable Boolean bool(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        return wrongType(name, "a boolean", value);
    }

    public <T> @Nullable T parsed(String name, Function<String, T> parser) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problem(name, "invalid_value", text, e.getMessage());
            return null;
        }
    }

    private <T> @Nullable T wrongType(String name, String expected, Object value) {
        String actual = value instanceof String ? "a string" : value instanceof Number ? "a number"
                : value instanceof Boolean ? "a boolean" : value instanceof List ? "an array" : "an object";
        problem(name, "invalid_type", value instanceof String || value instanceof Number || value instanceof Boolean
                ? value : actual, name + " must be " + expected + " but is " + actual);
        return null;
    }

    public void throwIfAnyProblem() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(ErrorDetails.none(), "Invalid request fields", problems);
        }
    }
}
