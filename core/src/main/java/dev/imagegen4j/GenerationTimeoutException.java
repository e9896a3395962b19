package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider did not answer within the configured time. Image generation can take minutes
 * (4K images especially), so consider a longer timeout before retrying.
 */
public class GenerationTimeoutException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public GenerationTimeoutException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public GenerationTimeoutException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        this(reason, details, cause, true);
    }

    /**
     * An instance that says whether retrying is safe and may succeed: {@code false}, for example, when
     * the request may already have been delivered, and so billed, or when the caller cancelled it.
     */
    public GenerationTimeoutException(String reason, ErrorDetails details, @Nullable Throwable cause, boolean retryable) {
        super(reason, details, cause);
        this.retryable = retryable;
    }

    /** As given at construction; {@code true} unless the failure says otherwise. */
    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
