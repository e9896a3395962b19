package dev.imagegen4j;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads typed values out of wire-named fields, collecting every problem; see {@link ImageRequest#fromWireFields}. */
final class WireFields {
    private final Map<String, ?> fields;
    private final List<Violation> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    WireFields(Map<String, ?> fields) {
        this.fields = fields;
    }

    void rejectUnknown(Set<String> known) {
        for (String name : new TreeSet<>(fields.keySet())) {
            if (!known.contains(name)) {
                problem(name, "unknown_parameter", name, "unknown parameter '" + name + "'");
            }
        }
    }

    boolean failed(String name) {
        return failed.contains(name);
    }

    void problem(String name, String rule, @Nullable Object value, String message) {
        failed.add(name);
        problems.add(Violation.error(name, rule, value, message));
    }

    @Nullable String string(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return wrongType(name, "a string", value);
    }

    @Nullable Integer integer(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return wrongType(name, "an integer", value);
            }
        }
        return wrongType(name, "an integer", value);
    }

    @Nullable Boolean bool(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        return wrongType(name, "a boolean", value);
    }

    <T> @Nullable T parsed(String name, Function<String, T> parser) {
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

    void throwIfAnyProblem() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(ErrorDetails.none(), "Invalid request fields", problems);
        }
    }
}
