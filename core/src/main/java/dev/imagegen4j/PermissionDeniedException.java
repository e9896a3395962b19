package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The credentials are valid but may not do this: no access to the model, or insufficient balance
 * or quota (HTTP 403, and quota-exhausted 429s). Get access or top up; never retried automatically,
 * because each attempt of a generation may be billed.
 */
public class PermissionDeniedException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public PermissionDeniedException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
