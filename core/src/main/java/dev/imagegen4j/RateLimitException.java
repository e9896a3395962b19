package dev.imagegen4j;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The provider is throttling this caller (HTTP 429 for rate limits). Back off for
 * {@link #retryAfter()} when the provider said how long, and retry. Quota or balance exhaustion is
 * not a rate limit: it is reported as {@link PermissionDeniedException}.
 */
public class RateLimitException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    private final @Nullable Duration retryAfter;

    public RateLimitException(String reason, ErrorDetails details, @Nullable Duration retryAfter) {
        this(reason, details, retryAfter, null);
    }

    public RateLimitException(String reason, ErrorDetails details, @Nullable Duration retryAfter,
                              @Nullable Throwable cause) {
        super(reason, details, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked the caller to wait; empty when it did not say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
