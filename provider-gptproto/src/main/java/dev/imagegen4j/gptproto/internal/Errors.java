package dev.imagegen4j.gptproto.internal;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.openai.ImagesError;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Maps the wire's error responses to imagegen4j's exception types, without ever showing the key. */
public final class Errors {
    /** The gptproto provider's id. */
    public static final String PROVIDER = Profile.GPTPROTO.id();

    private final String provider;
    private final Redactor redactor;

    /** gptproto's mapping, whose every text, from the server or not, passes through {@code redactor}. */
    public Errors(Redactor redactor) {
        this(PROVIDER, redactor);
    }

    /** The mapping for the provider {@code provider}, whose every exception carries that id. */
    public Errors(String provider, Redactor redactor) {
        this.provider = provider;
        this.redactor = redactor;
    }

    /** The provider id every exception carries. */
    public String provider() {
        return provider;
    }

    /** {@code text} redacted, for the few messages built outside this class. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** The exception for an HTTP error response. */
    ImageGenerationException fromStatus(int status, @Nullable String reasonPhrase, ImagesError body,
                                        @Nullable String requestId, @Nullable Duration retryAfter, String uri) {
        ErrorDetails details = ErrorDetails.of(provider).withHttpStatus(status)
                .withCode(redactor.redactNullable(body.code())).withRequestId(requestId);
        String param = redactor.redactNullable(body.param());
        String message = redact(body.message() != null ? body.message()
                : "HTTP " + status + (reasonPhrase == null || reasonPhrase.isBlank() ? "" : " " + reasonPhrase));
        if (status == 404) {
            // Most often a wrong base URL: say which URL was tried (it holds no secret: no query, no user info).
            return new InvalidRequestException("HTTP 404 from POST " + uri + (body.message() == null ? ""
                    : ": " + message) + "; check the " + HttpSettings.describe(provider, ProviderConfig.BASE_URL),
                    details, param, null);
        }
        if (status == 400 || status == 503) {
            if (body.isContentPolicy()) {
                return new ContentPolicyException(message, details);
            }
        }
        if (status == 400) {
            return body.isBilling() ? new PermissionDeniedException(message, details)
                    : new InvalidRequestException(message, details, param, null);
        }
        return switch (status) {
            case 401 -> new AuthenticationException(message, details);
            case 403 -> new PermissionDeniedException(message, details);
            // The server gave up waiting for the request, so it did not act on it: safe to retry.
            case 408 -> new GenerationTimeoutException(message, details, null, true);
            case 429 -> body.isBilling() ? new PermissionDeniedException(message, details)
                    : new RateLimitException(message, details, retryAfter);
            default -> {
                if (status >= 500) {
                    yield new ProviderUnavailableException(message, details);
                }
                if (status >= 400) {
                    yield new InvalidRequestException("HTTP " + status + ": " + message, details, param, null);
                }
                yield new ProviderResponseException("Unexpected HTTP " + status + ": " + message, details);
            }
        };
    }

    /** The exception for an error reported inside a 200 response or an event stream. */
    ImageGenerationException fromEmbeddedError(ImagesError body, @Nullable String requestId) {
        ErrorDetails details = ErrorDetails.of(provider).withCode(redactor.redactNullable(body.code()))
                .withRequestId(requestId);
        String message = redact(body.message() != null ? body.message() : "the provider reported an error");
        if (body.isContentPolicy()) {
            return new ContentPolicyException(message, details);
        }
        if (body.isBilling()) {
            return new PermissionDeniedException(message, details);
        }
        if ("rate_limit_exceeded".equals(body.code())) {
            return new RateLimitException(message, details, null);
        }
        if ("invalid_request_error".equals(body.type())) {
            return new InvalidRequestException(message, details, redactor.redactNullable(body.param()), null);
        }
        return new ProviderUnavailableException("The generation failed: " + message, details);
    }
}
