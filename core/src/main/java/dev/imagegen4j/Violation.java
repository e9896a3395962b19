package dev.imagegen4j;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a {@link ModelSpec} that a request breaks. Field names are those of {@link ImageRequest}
 * ({@code size}, {@code outputCompression}, {@code extras.gptproto.guidance_scale}, …), never a
 * vendor's wire names.
 *
 * @param field the setting, as an {@link ImageRequest} component name
 * @param rule a stable code for the rule, such as {@code size.multiple_of}; see {@link ModelSpec}
 * @param value the value given, as text; {@code null} when the rule is about a missing value
 * @param message a sentence a user understands, naming the setting, the value and the rule
 */
public record Violation(String field, String rule, @Nullable String value, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** A violation whose value is shown with {@code toString()}; {@code null} for none. */
    public static Violation of(String field, String rule, @Nullable Object value, String message) {
        return new Violation(field, rule, value == null ? null : value.toString(), message);
    }
}
