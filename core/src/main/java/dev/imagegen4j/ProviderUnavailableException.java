package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider could not be reached or failed on its side (HTTP 5xx, refused or reset
 * connections). Retrying later may succeed.
 */
public class ProviderUnavailableException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public ProviderUnavailableException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
