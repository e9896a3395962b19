package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The generation was cancelled: the calling thread was interrupted, or the caller cancelled the
 * future. Nothing is kept of it; the interrupt status of an interrupted caller is set again. Not
 * retryable as such: the caller chose to stop.
 */
public class GenerationCancelledException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public GenerationCancelledException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
