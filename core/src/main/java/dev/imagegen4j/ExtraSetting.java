package dev.imagegen4j;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A provider-specific setting a model accepts in {@link ImageRequest#extras()}, such as Seedream's
 * {@code guidance_scale} or Stability's {@code style_preset}, with the type and range its provider
 * documents. Declared in a {@link ModelSpec}, so that an extra is checked like any other setting.
 *
 * @param name the name the provider documents
 * @param type the kind of value
 * @param min the smallest accepted number, or {@code null}
 * @param max the largest accepted number, or {@code null}
 * @param values the accepted strings of a {@link Type#ONE_OF} setting; empty otherwise
 * @param description one line for people
 */
public record ExtraSetting(String name, Type type, @Nullable Double min, @Nullable Double max, List<String> values,
                           String description) {

    /** The kinds of value a setting takes. */
    public enum Type {
        /** Any text. */
        STRING,
        /** One of {@link #values()}. */
        ONE_OF,
        /** A whole number. */
        INTEGER,
        /** Any number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN
    }

    public ExtraSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        values = List.copyOf(values);
        if ((type == Type.ONE_OF) == values.isEmpty()) {
            throw new IllegalArgumentException("extra " + name + ": values are listed exactly for ONE_OF settings");
        }
    }

    /** A whole-number setting within {@code min..max}. */
    public static ExtraSetting integer(String name, long min, long max, String description) {
        return new ExtraSetting(name, Type.INTEGER, (double) min, (double) max, List.of(), description);
    }

    /** A number within {@code min..max}. */
    public static ExtraSetting number(String name, double min, double max, String description) {
        return new ExtraSetting(name, Type.NUMBER, min, max, List.of(), description);
    }

    /** A boolean setting. */
    public static ExtraSetting bool(String name, String description) {
        return new ExtraSetting(name, Type.BOOLEAN, null, null, List.of(), description);
    }

    /** A text setting. */
    public static ExtraSetting string(String name, String description) {
        return new ExtraSetting(name, Type.STRING, null, null, List.of(), description);
    }

    /** A setting that takes one of {@code values}. */
    public static ExtraSetting oneOf(String name, String description, String... values) {
        return new ExtraSetting(name, Type.ONE_OF, null, null, List.of(values), description);
    }

    /**
     * What is wrong with {@code value} for this setting, as the end of a sentence, or {@code null} when
     * it is fine.
     */
    @Nullable String problem(Object value) {
        switch (type) {
            case BOOLEAN:
                return value instanceof Boolean ? null : "must be true or false";
            case STRING:
                return value instanceof String ? null : "must be a string";
            case ONE_OF:
                return value instanceof String text && values.contains(text) ? null
                        : "must be one of " + String.join(", ", values);
            case INTEGER:
                if (!(value instanceof Number number) || !isWhole(number)) {
                    return "must be a whole number" + range();
                }
                return inRange(number.doubleValue()) ? null : "must be" + range();
            case NUMBER:
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    return "must be a number" + range();
                }
                return inRange(number.doubleValue()) ? null : "must be" + range();
            default:
                throw new AssertionError(type);
        }
    }

    private static boolean isWhole(Number number) {
        double value = number.doubleValue();
        return Double.isFinite(value) && value == Math.rint(value);
    }

    private boolean inRange(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        return " between " + show(min) + " and " + show(max);
    }

    private static String show(@Nullable Double bound) {
        if (bound == null) {
            return "any";
        }
        return bound == Math.rint(bound) ? String.format(Locale.ROOT, "%d", bound.longValue()) : bound.toString();
    }
}
