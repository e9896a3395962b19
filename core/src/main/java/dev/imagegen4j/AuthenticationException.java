package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the credentials, or none were configured (HTTP 401). Fix the API key;
 * retrying the same request cannot succeed.
 */
public class AuthenticationException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public AuthenticationException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
