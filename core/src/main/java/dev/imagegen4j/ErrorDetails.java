package dev.imagegen4j;

import org.jspecify.annotations.Nullable;

/**
 * Where an {@link ImageGenerationException} came from: the provider, and what the provider said
 * about it when there was an HTTP exchange. Never holds credentials.
 *
 * <pre>{@code
 * ErrorDetails.of("gptproto").withHttpStatus(429).withCode("rate_limit_exceeded").withRequestId(id)
 * }</pre>
 *
 * @param providerId the provider's id, or {@code null} when no provider is involved (registry errors)
 * @param httpStatus the HTTP status of the failed response, or {@code null} when there was none
 * @param code the provider's machine-readable error code, or {@code null}
 * @param requestId the provider's request id (e.g. {@code x-request-id}), or {@code null}
 */
public record ErrorDetails(@Nullable String providerId, @Nullable Integer httpStatus,
                           @Nullable String code, @Nullable String requestId) {

    /** Details naming only the provider. */
    public static ErrorDetails of(String providerId) {
        return new ErrorDetails(providerId, null, null, null);
    }

    /** Details of an error that no provider produced (packaging and discovery errors). */
    public static ErrorDetails none() {
        return new ErrorDetails(null, null, null, null);
    }

    public ErrorDetails withHttpStatus(int status) {
        return new ErrorDetails(providerId, status, code, requestId);
    }

    public ErrorDetails withCode(@Nullable String errorCode) {
        return new ErrorDetails(providerId, httpStatus, errorCode, requestId);
    }

    public ErrorDetails withRequestId(@Nullable String id) {
        return new ErrorDetails(providerId, httpStatus, code, id);
    }
}
