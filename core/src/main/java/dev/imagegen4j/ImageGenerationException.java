package dev.imagegen4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The root of every failure imagegen4j reports. Each subtype stands for one decision the caller
 * makes (fix the input, fix the credentials, back off, retry, report a bug), so catch the subtype
 * that matches the decision.
 *
 * <p>The message is the provider's own message followed by what identifies the failure, e.g.
 * {@code "Rate limit reached (provider gptproto, HTTP 429, code rate_limit_exceeded, request req_42)"}.
 * It never contains an API key.
 */
public abstract class ImageGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final ErrorDetails details;
    // Images are not serializable; a deserialized exception simply has none.
    private transient List<GeneratedImage> completedImages = List.of();
    private @Nullable String jobId;

    protected ImageGenerationException(String reason, ErrorDetails details, @Nullable Throwable cause) {
        super(describe(reason, details), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.details = Objects.requireNonNull(details, "details");
    }

    private static String describe(String reason, ErrorDetails details) {
        List<String> parts = new ArrayList<>(4);
        if (details.providerId() != null) parts.add("provider " + details.providerId());
        if (details.httpStatus() != null) parts.add("HTTP " + details.httpStatus());
        if (details.code() != null) parts.add("code " + details.code());
        if (details.requestId() != null) parts.add("request " + details.requestId());
        return parts.isEmpty() ? reason : reason + " (" + String.join(", ", parts) + ")";
    }

    /** Whether sending the same request again, later, may succeed. */
    public abstract boolean isRetryable();

    /**
     * The images that were made, when a request split into several calls failed part-way: those of
     * every call that finished, in request order (the calls that did not finish leave gaps, which
     * {@link GeneratedImage#seed()} can tell apart where the provider reports seeds); empty otherwise.
     * The caller owns their files.
     */
    public List<GeneratedImage> completedImages() {
        return completedImages == null ? List.of() : completedImages;
    }

    void completedImages(List<GeneratedImage> images) {
        completedImages = List.copyOf(images);
    }

    /**
     * The id of the job the failure belongs to, for a model that runs as jobs: when the job may still
     * finish (a timeout, an interrupted wait, a failed poll), {@link ImageGenerator#job(String)}
     * re-attaches to it without paying again. Empty for failures outside jobs.
     */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    void jobId(String id) {
        if (jobId == null) {
            jobId = id;
        }
    }

    /** The message without the provider, status, code and request id suffix. */
    public String reason() {
        return reason;
    }

    /** Everything known about where the error came from. */
    public ErrorDetails details() {
        return details;
    }

    /** The id of the provider that failed; empty for discovery errors that involve no provider. */
    public Optional<String> providerId() {
        return Optional.ofNullable(details.providerId());
    }

    /** The HTTP status of the failed response; empty when the failure happened without one. */
    public OptionalInt httpStatus() {
        Integer status = details.httpStatus();
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The provider's machine-readable error code, such as {@code moderation_blocked}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(details.code());
    }

    /** The provider's id for the failed request; quote it when contacting the provider. */
    public Optional<String> requestId() {
        return Optional.ofNullable(details.requestId());
    }
}
