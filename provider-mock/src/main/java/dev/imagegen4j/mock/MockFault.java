package dev.imagegen4j.mock;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.internal.EnumNames;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A failure the mock provider can be told to produce, so that applications can test their error
 * handling offline. Each fault raises the same exception type, with the same HTTP status and error
 * code, that the real provider raises for the corresponding response; the mock server answers
 * with that response.
 */
public enum MockFault {
    /** HTTP 429 {@code rate_limit_exceeded} with a retry delay: {@link RateLimitException}. */
    RATE_LIMIT("rate_limit", 429, "requests", "rate_limit_exceeded",
            "Rate limit reached for images per minute. Please try again later."),
    /** HTTP 400 {@code moderation_blocked}: {@link ContentPolicyException}. */
    CONTENT_POLICY("content_policy", 400, "image_generation_user_error", "moderation_blocked",
            "Your request was rejected by the safety system."),
    /** HTTP 401 {@code invalid_api_key}: {@link AuthenticationException}. */
    AUTHENTICATION("authentication", 401, "invalid_request_error", "invalid_api_key",
            "Incorrect API key provided."),
    /** HTTP 403 {@code insufficient_user_quota}: {@link PermissionDeniedException}. */
    INSUFFICIENT_BALANCE("insufficient_balance", 403, "insufficient_balance", "insufficient_user_quota",
            "Insufficient balance for the requested operation."),
    /** HTTP 500 {@code server_error}: {@link ProviderUnavailableException}. */
    SERVER_ERROR("server_error", 500, "server_error", null,
            "The server had an error while processing your request."),
    /**
     * No answer within the timeout: {@link GenerationTimeoutException}; the server holds the request for
     * a short while and then answers 504 (see {@link MockServer#TIMEOUT_HOLD}).
     */
    TIMEOUT("timeout", 0, "timeout", null, "No response within the timeout.");

    private final String wireName;
    private final int httpStatus;
    private final String type;
    private final @Nullable String code;
    private final String message;

    MockFault(String wireName, int httpStatus, String type, @Nullable String code, String message) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
        this.type = type;
        this.code = code;
        this.message = message;
    }

    /** The name used in settings, such as {@code rate_limit}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The fault named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static MockFault fromWireName(String text) {
        return EnumNames.parse(MockFault.class, MockFault::wireName, "fault", text);
    }

    /** The HTTP status the server answers with; 0 for {@link #TIMEOUT}, which gets no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error.type} of the error envelope. */
    public String type() {
        return type;
    }

    /** The {@code error.code} of the error envelope, or {@code null}. */
    public @Nullable String code() {
        return code;
    }

    /** The {@code error.message} of the error envelope. */
    public String message() {
        return message;
    }

    /** The exception the real provider would raise for this fault. */
    ImageGenerationException toException(String requestId, Duration retryAfter, Duration timeout) {
        ErrorDetails details = ErrorDetails.of(MockImageProvider.ID).withRequestId(requestId);
        if (this == TIMEOUT) {
            return new GenerationTimeoutException("No response within " + Durations.human(timeout) + " (injected timeout)",
                    details);
        }
        details = details.withHttpStatus(httpStatus).withCode(code);
        return switch (this) {
            case RATE_LIMIT -> new RateLimitException(message, details, retryAfter);
            case CONTENT_POLICY -> new ContentPolicyException(message, details);
            case AUTHENTICATION -> new AuthenticationException(message, details);
            case INSUFFICIENT_BALANCE -> new PermissionDeniedException(message, details);
            case SERVER_ERROR, TIMEOUT -> new ProviderUnavailableException(message, details);
        };
    }
}
