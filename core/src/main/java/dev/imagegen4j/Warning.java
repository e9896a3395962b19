package dev.imagegen4j;

import java.util.Objects;

/**
 * Something the caller should know about a generation that did not stop it: a setting the model did
 * not take and that lenient mode dropped, a size mapped to the nearest one the model accepts, an
 * experimental size, a model no catalog knows, or a remark of the provider's.
 *
 * @param setting the request setting concerned, by its {@link ImageRequest} name (such as {@code seed}
 *        or {@code size}), or {@code model} for remarks about the model itself
 * @param model the model the request went to
 * @param code a stable code for the kind of warning, such as {@code seed.dropped} or {@code size.mapped}
 * @param reason a sentence a user understands
 */
public record Warning(String setting, String model, String code, String reason) {

    public Warning {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** The {@link #reason()}, which is what a log line should show. */
    @Override
    public String toString() {
        return reason;
    }
}
