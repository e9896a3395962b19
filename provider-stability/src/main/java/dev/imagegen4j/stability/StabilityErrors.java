package dev.imagegen4j.stability;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.http.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps Stability's error responses to the exception a caller acts on, from the status and the body's
 * {@code name}, never from guesses; every text passes through the redactor. The v2beta error body is
 * {@code {id, name, errors: [...]}} [S1 components]; v1's {@code message} is read too.
 */
final class StabilityErrors {
    /** The 429 description: "you will be timed out for 60 seconds" [S1]; sent without Retry-After. */
    static final Duration DOCUMENTED_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    // "some-field: is required": the parameter Stability blames, before the colon.
    private static final Pattern PARAM = Pattern.compile("^([A-Za-z0-9_\\-]+):\\s");

    private final Redactor redactor;

    StabilityErrors(Redactor redactor) {
        this.redactor = redactor;
    }

    /** What an error body says; every part may be missing from a body that is not Stability's. */
    record Body(@Nullable String name, List<String> errors, @Nullable String id) {
        static Body parse(String text) {
            try {
                JsonElement root = JsonParser.parseString(text);
                if (!root.isJsonObject()) {
                    return new Body(null, List.of(), null);
                }
                JsonObject object = root.getAsJsonObject();
                List<String> errors = new ArrayList<>();
                if (object.get("errors") instanceof JsonArray array) {
                    array.forEach(e -> errors.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
                }
                String message = string(object, "message");
                if (errors.isEmpty() && message != null) {
                    errors.add(message);
                }
                return new Body(string(object, "name"), errors, string(object, "id"));
            } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
                return new Body(null, List.of(), null);
            }
        }

        private static @Nullable String string(JsonObject object, String field) {
            JsonElement value = object.get(field);
            return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
        }
    }

    /**
     * The exception for an HTTP error response.
     *
     * @param retryAfter the response's Retry-After, if it sent one
     */
    ImageGenerationException fromStatus(int status, @Nullable String reasonPhrase, Body body,
                                        @Nullable String requestId, @Nullable Duration retryAfter, String uri) {
        ErrorDetails details = ErrorDetails.of(Settings.ID).withHttpStatus(status)
                .withCode(redactor.redactNullable(body.name()))
                .withRequestId(requestId != null ? requestId : redactor.redactNullable(body.id()));
        String message = redactor.redact(body.errors().isEmpty()
                ? "HTTP " + status + (reasonPhrase == null ? "" : " " + reasonPhrase)
                : String.join("; ", body.errors()));
        return switch (status) {
            case 400, 413, 422 -> new InvalidRequestException(message, details, param(body), null);
            // Not in the spec: observed as {"name":"unauthorized"} for a bad or missing key [S4].
            case 401 -> new AuthenticationException(message, details);
            // Not in the spec: observed as {"name":"payment_required"} on an empty account [S3].
            case 402 -> new PermissionDeniedException(message, details);
            // Documented only as content_moderation; any other 403 is a refusal of access.
            case 403 -> "content_moderation".equals(body.name()) ? new ContentPolicyException(message, details)
                    : new PermissionDeniedException(message, details);
            case 404 -> new InvalidRequestException("HTTP 404 from POST " + uri + (body.errors().isEmpty() ? ""
                    : ": " + message) + "; check the " + HttpSettings.describe(Settings.ID, ProviderConfig.BASE_URL)
                    + " and the model", details, null, null);
            case 429 -> new RateLimitException(message, details,
                    retryAfter != null ? retryAfter : DOCUMENTED_RATE_LIMIT_WAIT);
            default -> {
                if (status >= 500) {
                    yield new ProviderUnavailableException(message, details);
                }
                if (status >= 400) {
                    yield new InvalidRequestException("HTTP " + status + ": " + message, details, param(body), null);
                }
                yield new ProviderResponseException("Unexpected HTTP " + status + ": " + message, details);
            }
        };
    }

    private @Nullable String param(Body body) {
        if (body.errors().isEmpty()) {
            return null;
        }
        Matcher matcher = PARAM.matcher(body.errors().get(0));
        return matcher.find() ? redactor.redact(matcher.group(1)) : null;
    }

    /** A {@code CONTENT_FILTERED} answer: the service made the image but blurred it. */
    ContentPolicyException filtered(String model, @Nullable String requestId) {
        return new ContentPolicyException("Stability's content moderation flagged the image " + model
                + " generated (finish_reason CONTENT_FILTERED); it came back blurred and was discarded. Change the "
                + "prompt, or set the " + HttpSettings.describe(Settings.ID, Settings.KEEP_FILTERED)
                + " to true to keep blurred images", ErrorDetails.of(Settings.ID).withCode("CONTENT_FILTERED")
                .withRequestId(requestId));
    }
}
