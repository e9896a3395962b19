package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * The vendor does not know the job: it never existed, or it expired (vendors keep results for a
 * limited time). Its images cannot be fetched any more; submitting the request again pays again.
 */
public class JobNotFoundException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    public JobNotFoundException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(reason, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
