package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * A provider listed in {@code META-INF/services} could not be loaded or instantiated, or two
 * providers claim the same id. A packaging problem; the cause is kept.
 */
public class ProviderLoadException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public ProviderLoadException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public ProviderLoadException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
