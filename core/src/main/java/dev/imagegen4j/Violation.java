package dev.imagegen4j;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a {@link ModelSpec} that a request breaks (an error) or comes close to (a warning).
 *
 * @param severity whether the request is refused ({@link Severity#ERROR}) or only flagged
 * @param field the parameter's wire name, such as {@code size} or {@code output_compression}
 * @param rule a stable code for the rule, such as {@code size.multiple_of}; see {@link ModelSpec}
 * @param value the value given, as text; {@code null} when the rule is about a missing value
 * @param message a sentence a user understands, naming the field, the value and the rule
 */
public record Violation(Severity severity, String field, String rule, @Nullable String value, String message) {

    /** How serious a violation is. */
    public enum Severity {
        /** The request is refused before anything is sent. */
        ERROR,
        /** The request is sent; the warning is reported with the response. */
        WARNING
    }

    public Violation {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    static Violation error(String field, String rule, @Nullable Object value, String message) {
        return new Violation(Severity.ERROR, field, rule, value == null ? null : value.toString(), message);
    }

    static Violation warning(String field, String rule, @Nullable Object value, String message) {
        return new Violation(Severity.WARNING, field, rule, value == null ? null : value.toString(), message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
