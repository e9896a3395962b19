package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider did not answer within the configured time. Image generation can take minutes
 * (4K images especially), so consider a longer timeout before retrying.
 */
public class GenerationTimeoutException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public GenerationTimeoutException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public GenerationTimeoutException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
