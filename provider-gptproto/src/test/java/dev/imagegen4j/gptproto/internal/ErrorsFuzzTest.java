package dev.imagegen4j.gptproto.internal;

import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.http.Redactor;
import dev.imagegen4j.http.Response;
import dev.imagegen4j.openai.ImagesError;
import dev.imagegen4j.openai.testing.FuzzBodies;
import dev.imagegen4j.testing.Fuzzing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzing of the mapping of error bodies ({@link ImagesError}) and retry delays to exceptions: whatever
 * the body and the status, the outcome is a typed exception that never shows the key. The wire's own
 * decoders are fuzzed in openai-images ({@code ImagesWireFuzzTest}); crashes found are pinned in
 * {@link ErrorsRegressionTest}.
 */
@AddLifecycleHook(Fuzzing.class)
class ErrorsFuzzTest {
    private static final Errors ERRORS = new Errors(Redactor.of(Map.of("api-key", API_KEY)));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void anErrorBodyMapsToATypedExceptionThatNeverShowsTheKey(@ForAll("errorBodies") String body,
                                                              @ForAll("statuses") int status,
                                                              @ForAll("retryAfters") String retryAfterMs,
                                                              @ForAll("retryAfters") String retryAfter) {
        ImagesError parsed = ImagesError.parse(body);
        Duration delay = Response.retryAfter(retryAfterMs, retryAfter, CLOCK);

        ImageGenerationException fromStatus = ERRORS.fromStatus(status, "Reason " + status, parsed, "req_1", delay,
                "https://gptproto.com/v1/images/generations");
        ImageGenerationException embedded = ERRORS.fromEmbeddedError(parsed, null);

        assertThat(delay == null || !delay.isNegative()).isTrue();
        for (ImageGenerationException exception : List.of(fromStatus, embedded)) {
            assertThat(exception.getMessage()).doesNotContain(API_KEY.substring(0, 12));
            assertThat(exception.providerId()).hasValue(Errors.PROVIDER);
        }
        assertThat(fromStatus.httpStatus()).hasValue(status);
    }

    @Provide
    Arbitrary<String> errorBodies() {
        return FuzzBodies.errorBody(API_KEY, fixture("error-400-moderation-blocked.json"),
                fixture("error-401-invalid-api-key.json"), fixture("error-403-insufficient-balance.json"),
                fixture("error-429-rate-limit.json"), fixture("error-500-server-error.json"));
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.oneOf(Arbitraries.of(400, 401, 403, 404, 408, 409, 413, 429, 500, 502, 503, 504),
                Arbitraries.integers().between(100, 599));
    }

    @Provide
    Arbitrary<String> retryAfters() {
        return Arbitraries.oneOf(
                Arbitraries.of("1", "0", "-5", "0.5", "1e9", "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
                        "9223372036854775807", " 7 ", "", "soon", "Tue, 24 Nov 2026 12:00:30 GMT",
                        "Sun, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Feb 2026 00:00:00 GMT",
                        "0x10", "1_000", "\u0661"),
                Arbitraries.strings().ofMaxLength(30)).injectNull(0.3);
    }
}
