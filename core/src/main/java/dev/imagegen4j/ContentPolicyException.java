package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider's safety system refused the prompt or the image. Change the prompt; the same
 * request will be refused again.
 */
public class ContentPolicyException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public ContentPolicyException(String reason, ErrorDetails details) {
        this(reason, details, null);
    }

    public ContentPolicyException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
