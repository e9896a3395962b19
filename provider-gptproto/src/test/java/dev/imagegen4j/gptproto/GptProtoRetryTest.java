package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.error;
import static dev.imagegen4j.gptproto.GptProtoStubs.failureOf;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.gptproto.GptProtoStubs.stubSequence;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failures are retried, how often, and after which delay. The waits are recorded by the rig's
 * sleeper instead of slept, and HTTP dates are read against its fixed clock.
 */
class GptProtoRetryTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    private static final String RATE_LIMITED = fixture("error-429-rate-limit.json");

    private static ResponseDefinitionBuilder rateLimited() {
        return error(429, RATE_LIMITED);
    }

    private static ResponseDefinitionBuilder success() {
        return fixtureResponse("response-200-n1.json");
    }

    @Test
    void retriesARateLimitOnceAndWaitsTheMillisecondsTheFixtureAsksFor() {
        stubSequence(server, fixtureResponse("error-429-rate-limit.json"), success());

        ImageResponse response;
        List<Duration> delays;
        try (var rig = rig(server)) {
            response = rig.generate();
            delays = rig.delays;
        }

        assertThat(response.images()).hasSize(1);
        assertThat(delays).containsExactly(Duration.ofMillis(11873));
        verifyRequests(server, 2);
    }

    static Stream<Arguments> retryAfterForms() {
        return Stream.of(
                Arguments.of("retry-after-ms", "250", Duration.ofMillis(250)),
                Arguments.of("retry-after-ms", "1500.5", Duration.ofNanos(1_500_500_000)),
                Arguments.of("retry-after", "7", Duration.ofSeconds(7)),
                Arguments.of("retry-after", "0.5", Duration.ofMillis(500)),
                Arguments.of("retry-after", "Tue, 24 Nov 2026 12:00:30 GMT", Duration.ofSeconds(30)),
                // A date already past means "now".
                Arguments.of("retry-after", "Tue, 24 Nov 2026 11:59:00 GMT", Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("retryAfterForms")
    void waitsWhatTheRetryAfterHeaderSays(String header, String value, Duration expected) {
        stubSequence(server, rateLimited().withHeader(header, value), success());

        List<Duration> delays;
        try (var rig = rig(server)) {
            rig.generate();
            delays = rig.delays;
        }

        assertThat(delays).containsExactly(expected);
        verifyRequests(server, 2);
    }

    @Test
    void prefersRetryAfterMsToRetryAfter() {
        stubSequence(server, rateLimited().withHeader("retry-after", "9").withHeader("retry-after-ms", "40"),
                success());

        List<Duration> delays;
        try (var rig = rig(server)) {
            rig.generate();
            delays = rig.delays;
        }

        assertThat(delays).containsExactly(Duration.ofMillis(40));
    }

    @Test
    void fallsBackToRetryAfterWhenRetryAfterMsIsNotANumber() {
        stubSequence(server, rateLimited().withHeader("retry-after", "3").withHeader("retry-after-ms", "soon"),
                success());

        List<Duration> delays;
        try (var rig = rig(server)) {
            rig.generate();
            delays = rig.delays;
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tomorrow", "-"})
    void backsOffWhenRetryAfterIsUnreadable(String value) {
        stubSequence(server, rateLimited().withHeader("retry-after", value), success());

        List<Duration> delays;
        try (var rig = rig(server)) {
            rig.generate();
            delays = rig.delays;
        }

        assertThat(delays).singleElement().satisfies(delay -> assertThat(delay.toMillis()).isBetween(375L, 500L));
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheMaximumDelay() {
        stub(server, error(500, fixture("error-500-server-error.json")));

        List<Duration> delays;
        try (var rig = rig(server, "max-retries", "6", "retry-initial-delay", "100ms", "retry-max-delay", "1s")) {
            catchThrowable(rig::generate);
            delays = rig.delays;
        }

        // initial * 2^k, capped at the maximum, then shortened by up to a quarter.
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        assertThat(delays).hasSize(ceilings.length);
        for (int k = 0; k < ceilings.length; k++) {
            assertThat(delays.get(k).toMillis()).as("delay %d", k).isBetween(ceilings[k] * 3 / 4, ceilings[k]);
        }
        verifyRequests(server, 7);
    }

    @Test
    void usesTheDefaultBackoffOfHalfASecondDoubling() {
        stub(server, error(503, ""));

        List<Duration> delays;
        try (var rig = rig(server)) {
            catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(delays).hasSize(2);
        assertThat(delays.get(0).toMillis()).isBetween(375L, 500L);
        assertThat(delays.get(1).toMillis()).isBetween(750L, 1000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void retriesServerErrorsTwiceByDefaultThenFails(int status) {
        stub(server, error(status, fixture("error-500-server-error.json")));

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ImageGenerationException) thrown).httpStatus()).hasValue(status);
        assertThat(delays).hasSize(2);
        verifyRequests(server, 3);
    }

    @Test
    void succeedsWhenAServerErrorClearsUp() {
        stubSequence(server, error(502, "<html><title>502 Bad Gateway</title></html>"), error(503, ""), success());

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.generate();
        }

        assertThat(response.images()).hasSize(1);
        verifyRequests(server, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void sendsOneRequestMoreThanMaxRetries(int maxRetries) {
        stub(server, error(500, fixture("error-500-server-error.json")));

        try (var rig = rig(server, "max-retries", Integer.toString(maxRetries))) {
            catchThrowable(rig::generate);
        }

        verifyRequests(server, maxRetries + 1);
    }

    @Test
    void rejectsANegativeMaxRetries() {
        Throwable thrown = catchThrowable(() -> rig(server, "max-retries", "-1"));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting max-retries "
                + "(GPTPROTO_MAX_RETRIES or -Dimagegen4j.gptproto.max-retries) must be at least 0 but was -1");
    }

    static Stream<Arguments> neverRetried() {
        return Stream.of(
                Arguments.of(error(400, "{\"error\":{\"message\":\"Invalid value\",\"param\":\"size\"}}"),
                        InvalidRequestException.class),
                Arguments.of(fixtureResponse("error-400-moderation-blocked.json"), ContentPolicyException.class),
                Arguments.of(fixtureResponse("error-401-invalid-api-key.json"), AuthenticationException.class),
                Arguments.of(error(403, "{\"error\":{\"message\":\"Forbidden\"}}"), PermissionDeniedException.class),
                Arguments.of(fixtureResponse("error-403-insufficient-balance.json"), PermissionDeniedException.class),
                Arguments.of(error(429, "{\"error\":{\"message\":\"You exceeded your current quota.\","
                        + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")
                        .withHeader("retry-after", "1"), PermissionDeniedException.class),
                Arguments.of(error(404, "{\"error\":{\"message\":\"Not found\"}}"), InvalidRequestException.class));
    }

    @ParameterizedTest
    @MethodSource("neverRetried")
    void neverRetriesWhatWaitingCannotFix(ResponseDefinitionBuilder response,
                                          Class<? extends ImageGenerationException> type) {
        stub(server, response);

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(type);
        assertThat(delays).isEmpty();
        verifyRequests(server, 1);
    }

    @Test
    void doesNotRetryA400EvenWhenTheServerSaysItMay() {
        stub(server, error(400, "{\"error\":{\"message\":\"Invalid value\"}}").withHeader("x-should-retry", "true"));

        try (var rig = rig(server)) {
            catchThrowable(rig::generate);
        }

        verifyRequests(server, 1);
    }

    @Test
    void givesUpWhenTheServerAsksForALongerWaitThanAllowed() {
        stub(server, rateLimited().withHeader("retry-after", "600"));

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofMinutes(10));
        assertThat(delays).isEmpty();
        verifyRequests(server, 1);
    }

    @Test
    void honoursAConfiguredMaxRetryAfter() {
        stubSequence(server, rateLimited().withHeader("retry-after", "5"), success());

        Throwable thrown = failureOf(server, "max-retry-after", "4s");

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofSeconds(5));
        verifyRequests(server, 1);
    }

    @Test
    void reportsTheLastRateLimitWhenRetriesRunOut() {
        stub(server, rateLimited().withHeader("retry-after-ms", "20"));

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofMillis(20));
        assertThat(delays).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20));
        verifyRequests(server, 3);
    }

    @Test
    void stopsWhenTheServerSaysNotToRetry() {
        stub(server, error(500, fixture("error-500-server-error.json")).withHeader("x-should-retry", "false"));

        Throwable thrown = failureOf(server);

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        verifyRequests(server, 1);
    }

    @Test
    void stopsARateLimitWhenTheServerSaysNotToRetry() {
        stub(server, rateLimited().withHeader("retry-after", "1").withHeader("x-should-retry", "False"));

        try (var rig = rig(server)) {
            catchThrowable(rig::generate);
        }

        verifyRequests(server, 1);
    }

    @Test
    void retriesAConnectionThatIsRefusedThenReportsTheServiceUnavailable() {
        int port = GptProtoStubs.closedPort();

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig("http://127.0.0.1:" + port)) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("Cannot reach http://127.0.0.1:" + port + ": ")
                .hasMessageContaining("Connection refused")
                .hasMessageEndingWith("(provider gptproto)");
        assertThat(((ImageGenerationException) thrown).httpStatus()).isEmpty();
        assertThat(thrown.getCause()).isInstanceOf(ConnectException.class);
        assertThat(delays).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void doesNotRetryAConnectionThatFailsAfterTheServerReadTheRequest(Fault fault) {
        stubSequence(server, aResponse().withFault(fault), success());

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("The connection to http://127.0.0.1:" + server.getPort()
                        + " failed after the request was sent (")
                .hasMessageEndingWith("); not retried, since the server may have received it and billed it; set the "
                        + "gptproto setting retry-after-send (GPTPROTO_RETRY_AFTER_SEND or "
                        + "-Dimagegen4j.gptproto.retry-after-send) to true to retry anyway (provider gptproto)");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isFalse();
        assertThat(delays).isEmpty();
        verifyRequests(server, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void retriesAConnectionThatFailsAfterSendingWhenTheUserOptsIn(Fault fault) {
        stubSequence(server, aResponse().withFault(fault), success());

        ImageResponse response;
        List<Duration> delays;
        try (var rig = rig(server, "retry-after-send", "true")) {
            response = rig.generate();
            delays = rig.delays;
        }

        assertThat(response.images()).hasSize(1);
        assertThat(delays).hasSize(1);
        verifyRequests(server, 2);
    }

    @Test
    void retriesARateLimitedStreamBeforeReadingIt() {
        stubSequence(server, rateLimited().withHeader("retry-after-ms", "5"),
                fixtureResponse("stream-200-2partials.sse"));

        ImageResponse response;
        try (var rig = rig(server)) {
            response = rig.stream(GptProtoStubs.request().partialImages(2).build(), event -> { });
        }

        assertThat(response.images()).hasSize(1);
        verifyRequests(server, 2);
    }
}
