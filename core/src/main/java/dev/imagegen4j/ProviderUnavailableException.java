package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider could not be reached or failed on its side (HTTP 5xx, refused or reset
 * connections). Retrying later may succeed.
 */
public class ProviderUnavailableException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public ProviderUnavailableException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public ProviderUnavailableException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        this(reason, details, cause, true);
    }

    /**
     * An instance that says whether retrying is safe and may succeed: {@code false}, for example, when
     * the request may already have been delivered, and so billed, or when the caller cancelled it.
     */
    public ProviderUnavailableException(String reason, ErrorDetails details, @Nullable Throwable cause, boolean retryable) {
        super(reason, details, cause);
        this.retryable = retryable;
    }

    /** As given at construction; {@code true} unless the failure says otherwise. */
    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
