package dev.imagegen4j.bfl;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.bfl.api.BflError;
import dev.imagegen4j.bfl.api.BflRequestJson;
import dev.imagegen4j.bfl.api.BflResult;
import dev.imagegen4j.http.HttpSettings;
import dev.imagegen4j.http.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps BFL's error responses and failed tasks to the exception a caller acts on, from the HTTP status
 * or the task's status, as docs/providers/bfl.md §4–§6 documents them; every text passes through the
 * redactor, so a server that echoes the key never puts it into a message.
 */
final class BflErrors {
    private final Redactor redactor;

    BflErrors(Redactor redactor) {
        this.redactor = redactor;
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    /**
     * The exception for an HTTP error answer to a submit or a poll.
     *
     * @param what the request, such as {@code "the submit to flux-pro-1.1"}
     * @param retryAfter the answer's Retry-After, if it sent one
     */
    ImageGenerationException fromStatus(int status, @Nullable String reasonPhrase, BflError body, String what,
                                        @Nullable Duration retryAfter) {
        ErrorDetails details = ErrorDetails.of(Settings.ID).withHttpStatus(status);
        String said = body.summary().isEmpty() ? "HTTP " + status + (reasonPhrase == null ? "" : " " + reasonPhrase)
                : "HTTP " + status + ": " + body.summary();
        String message = redactor.redact("BFL refused " + what + " (" + said + ")");
        return switch (status) {
            case 400, 422 -> invalid(status, body, what, details);
            // Not on BFL's errors page; its skills repository lists it for a missing or wrong key [B10].
            case 401 -> new AuthenticationException(message + "; check the "
                    + HttpSettings.describe(Settings.ID, ProviderConfig.API_KEY), details);
            case 402 -> new PermissionDeniedException(message + ": the account is out of credits (or has no payment"
                    + " method); top up at https://dashboard.bfl.ai", details);
            case 403 -> new PermissionDeniedException(message + ": the key may not use this", details);
            case 404 -> new InvalidRequestException(message + "; check the "
                    + HttpSettings.describe(Settings.ID, ProviderConfig.BASE_URL) + " and the model", details, null, null);
            // Too many active tasks (24 by default, 6 on flux-kontext-max) [B5]: wait for one to finish.
            case 429 -> new RateLimitException(message + ": too many active tasks; wait until one finishes",
                    details, retryAfter);
            default -> {
                if (status >= 500) {
                    yield new ProviderUnavailableException(message, details);
                }
                if (status >= 400) {
                    yield invalid(status, body, what, details);
                }
                yield new ProviderResponseException("Unexpected answer to " + what + ": " + redactor.redact(said),
                        details);
            }
        };
    }

    /** A 422's {@code detail}: each location's body field named as the request names it, then BFL's message. */
    private InvalidRequestException invalid(int status, BflError body, String what, ErrorDetails details) {
        List<String> parts = new ArrayList<>();
        String param = null;
        for (BflError.Problem problem : body.problems()) {
            String field = problem.field();
            if (param == null) {
                param = field;
            }
            String neutral = field == null ? null : BflRequestJson.neutralField(field, Settings.ID);
            parts.add(field == null ? problem.message()
                    : (neutral.equals(field) ? field : neutral + " (" + field + ")") + ": " + problem.message());
        }
        if (body.message() != null) {
            parts.add(body.message());
        }
        String said = parts.isEmpty() ? "HTTP " + status : String.join("; ", parts);
        return new InvalidRequestException(redactor.redact("BFL refused " + what + ": " + said),
                details.withCode(body.problems().isEmpty() ? null : body.problems().get(0).type()),
                param == null ? null : redactor.redact(param), null);
    }

    /** What a task that ended without an image throws, or {@code null} for a task that did not end so. */
    @Nullable ImageGenerationException failure(BflResult result) {
        if (result.status() == null) {
            return new ProviderResponseException(redactor.redact("BFL answered task " + result.id()
                    + " with the undocumented status '" + result.statusText() + "'"), details(result));
        }
        String details = result.details() == null ? "" : ": " + result.details();
        return switch (result.status()) {
            case PENDING, READY -> null;
            case REQUEST_MODERATED -> new ContentPolicyException(redactor.redact("BFL's moderation flagged the"
                    + " prompt or an input image of task " + result.id() + " (Request Moderated)" + details
                    + "; change them"), details(result));
            case CONTENT_MODERATED -> new ContentPolicyException(redactor.redact("BFL's moderation flagged the image"
                    + " of task " + result.id() + " (Content Moderated), so it cannot be delivered" + details
                    + "; change the prompt"), details(result));
            case ERROR -> new ProviderUnavailableException(redactor.redact("BFL task " + result.id()
                    + " failed (Error)" + (details.isEmpty() ? " without details" : details)), details(result));
            case TASK_NOT_FOUND -> new JobNotFoundException(redactor.redact("BFL does not know task "
                    + result.id() + " (Task not found): it never existed or has expired, and its image cannot be"
                    + " fetched any more"), details(result), null);
        };
    }

    private ErrorDetails details(BflResult result) {
        return ErrorDetails.of(Settings.ID).withCode(redactor.redact(result.statusText()))
                .withRequestId(redactor.redact(result.id()));
    }
}
