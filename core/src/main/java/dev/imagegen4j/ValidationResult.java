package dev.imagegen4j;

import java.util.List;

/**
 * The outcome of {@link ModelSpec#validate(ImageRequest)}: every violation found, errors and
 * warnings alike, in the order the request's fields are declared.
 *
 * @param modelId the model the request was checked against
 * @param violations every error and warning
 */
public record ValidationResult(String modelId, List<Violation> violations) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    /** The violations that make the request invalid. */
    public List<Violation> errors() {
        return violations.stream().filter(Violation::isError).toList();
    }

    /** The violations that are reported but do not stop the request. */
    public List<Violation> warnings() {
        return violations.stream().filter(v -> !v.isError()).toList();
    }

    /** Whether the request may be sent. */
    public boolean isValid() {
        return violations.stream().noneMatch(Violation::isError);
    }

    /**
     * Returns the warning messages when the request is valid.
     *
     * @throws InvalidRequestException listing every error, attributed to {@code providerId}, when it is not
     */
    public List<String> throwIfInvalid(String providerId) {
        if (!isValid()) {
            throw new InvalidRequestException(ErrorDetails.of(providerId), "Invalid request for model " + modelId, errors());
        }
        return violations.stream().map(Violation::message).toList();
    }
}
