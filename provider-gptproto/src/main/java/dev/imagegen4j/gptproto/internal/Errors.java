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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Maps GPTProto's error responses to imagegen4j's exception types, without ever showing the key. */
public final class Errors {
    /** The provider id every exception carries. */
    public static final String PROVIDER = "gptproto";

    // Providers echo keys back masked ("sk-abc12***wxyz", "sk-abc***...xyz"); even a masked key reveals too
    // much. Dots count only between key characters, so the period that ends the sentence survives. One
    // character class, not a repeated group "(?:\\.+[...]+)*", whose every repetition is a level of recursion
    // in java.util.regex: a message like "sk-abcd.a.a.a…" of a few kilobytes overflowed the stack.
    private static final Pattern KEY_LIKE =
            Pattern.compile("sk-[A-Za-z0-9_*\\-]{4,}(?:[A-Za-z0-9_*.\\-]*[A-Za-z0-9_*\\-])?");

    /** How many leading characters of the key count as an echo of it. */
    private static final int ECHO_PREFIX = 8;

    private final @Nullable String apiKey;

    /** Mapping that removes {@code apiKey} (when not {@code null}) from every message. */
    public Errors(@Nullable String apiKey) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /**
     * {@code text} with the API key, any echo of its start ({@value #ECHO_PREFIX} characters or more, as
     * in a masked {@code "abcd1234***wxyz"} or a message cut short inside the key) and anything shaped like a
     * key replaced by {@code ***}.
     */
    public String redact(String text) {
        String redacted = apiKey == null ? text : withoutEchoes(text.replace(apiKey, "***"), apiKey);
        return KEY_LIKE.matcher(redacted).replaceAll("sk-***");
    }

    /**
     * {@code text} with every echo of {@code key} replaced: a run that starts with the key's first
     * {@value #ECHO_PREFIX} characters, and goes on with the characters keys and their masks are made of
     * (so {@code "abcd1234***wxyz"} goes whole, its tail included).
     */
    private static String withoutEchoes(String text, String key) {
        String head = key.substring(0, Math.min(ECHO_PREFIX, key.length()));
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(head); at >= 0; at = text.indexOf(head, from)) {
            int end = at + head.length();
            while (end < text.length() && (end - at < key.length() && text.charAt(end) == key.charAt(end - at)
                    || isKeyCharacter(text.charAt(end)))) {
                end++;
            }
            out.append(text, from, at).append("***");
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isKeyCharacter(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '*');
    }

    /** The exception for an HTTP error response. */
    ImageGenerationException fromStatus(int status, @Nullable String reasonPhrase, ErrorBody body,
                                        @Nullable String requestId, @Nullable Duration retryAfter) {
        ErrorDetails details = ErrorDetails.of(PROVIDER).withHttpStatus(status).withCode(body.code())
                .withRequestId(requestId);
        String message = redact(body.message() != null ? body.message()
                : "HTTP " + status + (reasonPhrase == null || reasonPhrase.isBlank() ? "" : " " + reasonPhrase));
        if (status == 400 || status == 503) {
            if (body.isContentPolicy()) {
                return new ContentPolicyException(message, details);
            }
        }
        if (status == 400) {
            return body.isBilling() ? new PermissionDeniedException(message, details)
                    : new InvalidRequestException(message, details, body.param(), null);
        }
        return switch (status) {
            case 401 -> new AuthenticationException(message, details);
            case 403 -> new PermissionDeniedException(message, details);
            case 408 -> new GenerationTimeoutException(message, details);
            case 429 -> body.isBilling() ? new PermissionDeniedException(message, details)
                    : new RateLimitException(message, details, retryAfter);
            default -> {
                if (status >= 500) {
                    yield new ProviderUnavailableException(message, details);
                }
                if (status >= 400) {
                    yield new InvalidRequestException("HTTP " + status + ": " + message, details, body.param(), null);
                }
                yield new ProviderResponseException("Unexpected HTTP " + status + ": " + message, details);
            }
        };
    }

    /** The exception for an error reported inside a 200 response or an event stream. */
    ImageGenerationException fromEmbeddedError(ErrorBody body, @Nullable String requestId) {
        ErrorDetails details = ErrorDetails.of(PROVIDER).withCode(body.code()).withRequestId(requestId);
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
            return new InvalidRequestException(message, details, body.param(), null);
        }
        return new ProviderUnavailableException("The generation failed: " + message, details);
    }

    /**
     * The delay a response asks for: {@code retry-after-ms} first, then {@code retry-after} as seconds
     * or an HTTP date; {@code null} when neither is present and valid.
     */
    static @Nullable Duration retryAfter(@Nullable String millis, @Nullable String seconds, Clock clock) {
        if (millis != null) {
            try {
                return atLeastZero(Duration.ofNanos((long) (Double.parseDouble(millis.strip()) * 1_000_000)));
            } catch (NumberFormatException e) {
                // Fall through to retry-after, as the SDKs do.
            }
        }
        if (seconds == null) {
            return null;
        }
        String text = seconds.strip();
        try {
            return atLeastZero(Duration.ofMillis((long) (Double.parseDouble(text) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return atLeastZero(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration atLeastZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
