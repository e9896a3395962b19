package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered with something imagegen4j cannot read: malformed or truncated JSON, a
 * body that is not an image, a stream that ended early. Usually a provider or gateway bug; the
 * message says what was wrong.
 */
public class ProviderResponseException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public ProviderResponseException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public ProviderResponseException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
