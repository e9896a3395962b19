package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.newGenerator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.Quality;
import dev.imagegen4j.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MockBehaviorTest {
    /** Valid for every model in the catalog, and cheap to render. */
    private static final ImageRequest REQUEST = ImageRequest.builder("a red fox").model("gpt-image-2")
            .size(ImageSize.of(1024, 640)).quality(Quality.LOW).build();

    private final MockBehavior behavior = new MockBehavior();
    private final ImageGenerator generator = newGenerator(behavior);

    private final List<ImageGenerator> configured = new ArrayList<>();

    @AfterEach
    void closeGenerators() {
        generator.close();
        configured.forEach(ImageGenerator::close);
    }

    private static ProviderConfig.Builder settings() {
        return ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of());
    }

    /** A generator of the discovered provider, whose script comes from its settings. */
    private ImageGenerator configured(ProviderConfig config) {
        ImageGenerator generator = ImageGenerator.create(new MockImageProvider(), config);
        configured.add(generator);
        return generator;
    }

    /** Runs {@code requests} requests and names the outcome of each: "ok" or the exception's simple name. */
    private static List<String> outcomes(ImageGenerator generator, int requests) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            try {
                generator.generate(REQUEST);
                outcomes.add("ok");
            } catch (ImageGenerationException e) {
                outcomes.add(e.getClass().getSimpleName());
            }
        }
        return outcomes;
    }

    // ---- each fault ----

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(MockFault.RATE_LIMIT, RateLimitException.class, 429, "rate_limit_exceeded",
                        "Rate limit reached for images per minute. Please try again later. "
                                + "(provider mock, HTTP 429, code rate_limit_exceeded, request req_mock_00000001)"),
                Arguments.of(MockFault.CONTENT_POLICY, ContentPolicyException.class, 400, "moderation_blocked",
                        "Your request was rejected by the safety system. "
                                + "(provider mock, HTTP 400, code moderation_blocked, request req_mock_00000001)"),
                Arguments.of(MockFault.AUTHENTICATION, AuthenticationException.class, 401, "invalid_api_key",
                        "Incorrect API key provided. "
                                + "(provider mock, HTTP 401, code invalid_api_key, request req_mock_00000001)"),
                Arguments.of(MockFault.INSUFFICIENT_BALANCE, PermissionDeniedException.class, 403,
                        "insufficient_user_quota", "Insufficient balance for the requested operation. "
                                + "(provider mock, HTTP 403, code insufficient_user_quota, request req_mock_00000001)"),
                Arguments.of(MockFault.SERVER_ERROR, ProviderUnavailableException.class, 500, null,
                        "The server had an error while processing your request. "
                                + "(provider mock, HTTP 500, request req_mock_00000001)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void raisesEachFaultAsTheExceptionTheRealProviderRaises(MockFault fault,
                                                         Class<? extends ImageGenerationException> type,
                                                         int httpStatus, String errorCode, String message) {
        behavior.failNext(fault);

        ImageGenerationException thrown = catchThrowableOfType(ImageGenerationException.class,
                () -> generator.generate(REQUEST));

        assertThat(thrown).isExactlyInstanceOf(type).hasMessage(message);
        assertThat(thrown.providerId()).contains("mock");
        assertThat(thrown.httpStatus()).hasValue(httpStatus);
        assertThat(thrown.errorCode()).isEqualTo(Optional.ofNullable(errorCode));
        assertThat(thrown.requestId()).contains("req_mock_00000001");
        assertThat(fault.httpStatus()).isEqualTo(httpStatus);
        assertThat(fault.code()).isEqualTo(errorCode);
    }

    @Test
    void raisesATimeoutFaultAsAGenerationTimeoutWithoutAStatus() {
        behavior.timeout(Duration.ofSeconds(30)).failNext(MockFault.TIMEOUT);

        GenerationTimeoutException thrown = catchThrowableOfType(GenerationTimeoutException.class,
                () -> generator.generate(REQUEST));

        assertThat(thrown).hasMessage("No response within 30 s (injected timeout) "
                + "(provider mock, request req_mock_00000001)");
        assertThat(thrown.httpStatus()).isEmpty();
        assertThat(thrown.errorCode()).isEmpty();
        assertThat(thrown.requestId()).contains("req_mock_00000001");
        assertThat(thrown.isRetryable()).isTrue();
    }

    @Test
    void asksForARetryAfterOneSecondByDefault() {
        behavior.failNext(MockFault.RATE_LIMIT);

        RateLimitException thrown = catchThrowableOfType(RateLimitException.class, () -> generator.generate(REQUEST));

        assertThat(thrown.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(thrown.isRetryable()).isTrue();
    }

    @Test
    void asksForTheConfiguredRetryAfter() {
        behavior.failNext(MockFault.RATE_LIMIT).retryAfter(Duration.ofMillis(2500));

        RateLimitException thrown = catchThrowableOfType(RateLimitException.class, () -> generator.generate(REQUEST));

        assertThat(thrown.retryAfter()).contains(Duration.ofMillis(2500));
    }

    @Test
    void numbersRequestIdsInTheOrderRequestsArrive() {
        behavior.failNext(MockFault.SERVER_ERROR);

        Throwable failed = catchThrowable(() -> generator.generate(REQUEST));
        ImageResponse succeeded = generator.generate(REQUEST);

        assertThat(((ImageGenerationException) failed).requestId()).contains("req_mock_00000001");
        assertThat(succeeded.requestId()).isEqualTo("req_mock_00000002");
    }

    // ---- scripting ----

    @Test
    void failsOnlyTheNextRequestAfterFailNext() {
        behavior.failNext(MockFault.SERVER_ERROR);

        List<String> outcomes = outcomes(generator, 3);

        assertThat(outcomes).containsExactly("ProviderUnavailableException", "ok", "ok");
    }

    @Test
    void failsTheGivenNumberOfRequestsAfterFailNextWithACount() {
        behavior.failNext(MockFault.CONTENT_POLICY, 2);

        List<String> outcomes = outcomes(generator, 3);

        assertThat(outcomes).containsExactly("ContentPolicyException", "ContentPolicyException", "ok");
    }

    @Test
    void queuesFaultsInTheOrderTheyWereScripted() {
        behavior.failNext(MockFault.RATE_LIMIT).failNext(MockFault.AUTHENTICATION, 2)
                .failNext(MockFault.INSUFFICIENT_BALANCE);

        List<String> outcomes = outcomes(generator, 5);

        assertThat(outcomes).containsExactly("RateLimitException", "AuthenticationException",
                "AuthenticationException", "PermissionDeniedException", "ok");
    }

    @Test
    void failsEveryRequestAfterFailAlwaysOnceQueuedFaultsAreUsedUp() {
        behavior.failAlways(MockFault.SERVER_ERROR).failNext(MockFault.RATE_LIMIT);

        List<String> outcomes = outcomes(generator, 4);

        assertThat(outcomes).containsExactly("RateLimitException", "ProviderUnavailableException",
                "ProviderUnavailableException", "ProviderUnavailableException");
    }

    @Test
    void stopsFailingAfterFailAlwaysNull() {
        behavior.failAlways(MockFault.SERVER_ERROR);
        List<String> before = outcomes(generator, 2);

        behavior.failAlways(null);
        List<String> after = outcomes(generator, 2);

        assertThat(before).containsExactly("ProviderUnavailableException", "ProviderUnavailableException");
        assertThat(after).containsExactly("ok", "ok");
    }

    @Test
    void failsASplitRequestAtTheFaultyCallAndKeepsTheImagesAlreadyMade() {
        // mock-ratio makes one image per call: three images are three calls, and the second one fails.
        ImageRequest threeCalls = ImageRequest.builder("a red fox").model("mock-ratio").seed(5L).count(3).build();
        ImageInterceptor failSecondCall = chain -> {
            if (chain.stage() == ImageInterceptor.Stage.CALL && chain.part() == 1) {
                behavior.failNext(MockFault.SERVER_ERROR);
            }
            return chain.proceed();
        };
        ImageGenerator oneAtATime = ImageGenerator.builder(new MockImageProvider(behavior))
                .config(TestImages.emptyConfig()).maxConcurrentCalls(1).interceptor(failSecondCall).build();
        configured.add(oneAtATime);

        ProviderUnavailableException thrown = catchThrowableOfType(ProviderUnavailableException.class,
                () -> oneAtATime.generate(threeCalls));
        byte[] firstAlone = generator.generate(threeCalls.toBuilder().count(1).build()).image().bytes();

        assertThat(thrown.requestId()).contains("req_mock_00000002");
        assertThat(thrown.completedImages()).hasSize(1);
        assertThat(thrown.completedImages().get(0).bytes()).isEqualTo(firstAlone);
    }

    @Test
    void failsStreamingRequestsBeforeAnyEvent() {
        behavior.failNext(MockFault.RATE_LIMIT);
        List<Object> events = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> generator.stream(REQUEST.toBuilder().partialImages(1).build(),
                events::add));

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void removesFaultsAndLatencyOnReset() {
        behavior.failNext(MockFault.RATE_LIMIT, 3).failAlways(MockFault.SERVER_ERROR)
                .delay(Duration.ofMillis(200)).timeout(Duration.ofMillis(20));

        behavior.reset();
        List<String> outcomes = outcomes(generator, 2);

        // Had the latency stayed, it would exceed the timeout and fail.
        assertThat(outcomes).containsExactly("ok", "ok");
    }

    // ---- latency and timeout ----

    @Test
    void failsWithATimeoutWhenTheLatencyExceedsTheTimeout() {
        behavior.delay(Duration.ofMillis(200)).timeout(Duration.ofMillis(20));

        Throwable thrown = catchThrowable(() -> generator.generate(REQUEST));

        assertThat(thrown).isInstanceOf(GenerationTimeoutException.class)
                .hasMessage("No response within 20 ms (injected timeout) (provider mock, request req_mock_00000001)");
    }

    @Test
    void succeedsWhenTheLatencyIsWithinTheTimeout() {
        behavior.delay(Duration.ofMillis(20)).timeout(Duration.ofMillis(200));

        ImageResponse response = generator.generate(REQUEST);

        assertThat(response.images()).hasSize(1);
    }

    @Test
    void refusesNegativeDurations() {
        MockBehavior behavior = new MockBehavior();

        assertThatThrownBy(() -> behavior.delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency must not be negative but was PT-0.001S");
        assertThatThrownBy(() -> behavior.retryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryAfter must not be negative but was PT-1S");
        assertThatThrownBy(() -> behavior.timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must not be negative but was PT-1S");
        assertThatThrownBy(() -> behavior.failNext(MockFault.RATE_LIMIT, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times must be >= 0 but was -1");
    }

    // ---- settings ----

    @Test
    void readsAFaultWithCountAndRetryAfterFromSettings() {
        ProviderConfig config = ProviderConfig.builder().set("fault", "rate_limit").set("fault-count", "1")
                .set("retry-after", "3s").environment(Map.of()).systemProperties(Map.of()).build();
        ImageGenerator configured = configured(config);

        Throwable first = catchThrowable(() -> configured.generate(REQUEST));
        List<String> later = outcomes(configured, 2);

        assertThat(first).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) first).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(later).containsExactly("ok", "ok");
    }

    @Test
    void raisesAFaultSetWithoutACountForEveryRequest() {
        ImageGenerator configured = configured(settings().set("fault", "SERVER_ERROR").build());

        List<String> outcomes = outcomes(configured, 3);

        assertThat(outcomes).containsExactly("ProviderUnavailableException", "ProviderUnavailableException",
                "ProviderUnavailableException");
    }

    @Test
    void readsTheFaultFromASystemProperty() {
        ProviderConfig config = ProviderConfig.builder().environment(Map.of())
                .systemProperties(Map.of("imagegen4j.mock.fault", "insufficient_balance")).build();
        ImageGenerator configured = configured(config);

        Throwable thrown = catchThrowable(() -> configured.generate(REQUEST));

        assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void readsTheFaultFromAnEnvironmentVariable() {
        ProviderConfig config = ProviderConfig.builder().environment(Map.of("MOCK_FAULT", "content_policy",
                "MOCK_FAULT_COUNT", "1")).systemProperties(Map.of()).build();
        ImageGenerator configured = configured(config);

        List<String> outcomes = outcomes(configured, 2);

        assertThat(outcomes).containsExactly("ContentPolicyException", "ok");
    }

    @Test
    void readsLatencyAndTimeoutFromSettings() {
        ImageGenerator configured = configured(settings().set("latency", "200ms")
                .set("timeout", "20ms").build());

        Throwable thrown = catchThrowable(() -> configured.generate(REQUEST));

        assertThat(thrown).isInstanceOf(GenerationTimeoutException.class)
                .hasMessage("No response within 20 ms (injected timeout) (provider mock, request req_mock_00000001)");
    }

    @Test
    void startsWithoutFaultsWhenNothingIsSet() {
        ImageGenerator configured = configured(settings().build());

        List<String> outcomes = outcomes(configured, 2);

        assertThat(outcomes).containsExactly("ok", "ok");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("fault", "meteor",
                        "mock setting fault must be one of rate_limit, content_policy, authentication, "
                                + "insufficient_balance, server_error, timeout but was 'meteor'"),
                Arguments.of("fault-count", "twice",
                        "mock setting fault-count must be an integer but was 'twice' (from the explicit setting)"),
                Arguments.of("fault-count", "-1", "mock setting fault-count must be 0 or more but was '-1'"),
                Arguments.of("latency", "soon",
                        "mock setting latency must be a duration such as 300, 30s, 5m or PT5M but was 'soon' "
                                + "(from the explicit setting)"),
                Arguments.of("retry-after", "1 fortnight",
                        "mock setting retry-after must be a duration such as 300, 30s, 5m or PT5M "
                                + "but was '1 fortnight' (from the explicit setting)"),
                Arguments.of("retry-after", "PT-1S", "mock setting retry-after must be a duration that is not "
                        + "negative but was 'PT-1S' (from the explicit setting)"),
                Arguments.of("timeout", "-PT5S", "mock setting timeout must be a duration that is not negative "
                        + "but was '-PT5S' (from the explicit setting)"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidSettings")
    void refusesAnInvalidSettingNamingIt(String key, String value, String message) {
        ProviderConfig config = settings().set("fault", "rate_limit").set(key, value).build();
        MockImageProvider provider = new MockImageProvider();

        Throwable thrown = catchThrowable(() -> provider.open(config));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
