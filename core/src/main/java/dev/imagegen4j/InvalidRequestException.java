package dev.imagegen4j;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The request is not acceptable: fix the input. Raised locally, before anything is sent, with
 * every {@link #violations() violation} of the model's {@link ModelSpec}; or by the provider
 * (HTTP 400), with the offending {@link #param() parameter} when it names one.
 */
public class InvalidRequestException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;
    private final @Nullable String param;

    /** A request the provider refused; {@code param} is the parameter it blamed, in its own words, if any. */
    public InvalidRequestException(String reason, ErrorDetails details, @Nullable String param,
                                   @Nullable Throwable cause) {
        super(reason, details, cause);
        this.violations = List.of();
        this.param = param;
    }

    /**
     * A request refused locally, before anything was sent.
     *
     * @param summary what was refused, such as {@code "Invalid request for model gpt-image-1"}; the
     *        violations' messages follow it in {@link #getMessage()}
     * @param violations the errors, at least one
     */
    public InvalidRequestException(ErrorDetails details, String summary, List<Violation> violations) {
        super(summary + ": " + violations.stream().map(Violation::message).collect(Collectors.joining("; ")),
                details, null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one violation");
        }
        this.violations = List.copyOf(violations);
        this.param = violations.get(0).field();
    }

    /** Every rule the request broke, when it was checked locally; empty for provider-side refusals. */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The first offending parameter, when known: for a local refusal the {@link ImageRequest} setting
     * ({@code size}, {@code outputFormat}); for the provider's, the parameter as the provider named it.
     */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
