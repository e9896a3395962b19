package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * No provider with the requested id is on the class path, or none at all. A packaging problem:
 * add the provider module as a dependency.
 */
public class ProviderNotFoundException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public ProviderNotFoundException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public ProviderNotFoundException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
