package dev.imagegen4j;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a request against a model: every error, every warning, and — when there
 * is no error — the request as it will be sent.
 *
 * @param modelId the model the request was checked against
 * @param errors every rule the request breaks, in the order the request's fields are declared
 * @param warnings what the caller should know: dropped settings (lenient mode), mapped sizes, experimental values
 * @param resolved the request to send: the model id filled in, sizes mapped to what the model takes,
 *        dropped settings removed; {@code null} when there are errors
 */
public record ValidationResult(String modelId, List<Violation> errors, List<Warning> warnings,
                               @Nullable ImageRequest resolved) {

    public ValidationResult {
        Objects.requireNonNull(modelId, "modelId");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (errors.isEmpty() == (resolved == null)) {
            throw new IllegalArgumentException("a valid result has a resolved request, an invalid one has none");
        }
    }

    /** Whether the request may be sent. */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * The request to send.
     *
     * @throws InvalidRequestException listing every error, attributed to {@code providerId}, when it is invalid
     */
    public ImageRequest requireValid(String providerId) {
        if (resolved == null) {
            throw new InvalidRequestException(ErrorDetails.of(providerId), "Invalid request for model " + modelId,
                    errors);
        }
        return resolved;
    }
}
