package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API key never shows up in anything printed: config strings, parse errors, exception chains. */
class SecretLeakTest {
    private static final String KEY = "sk-test-SECRET-4242";
    private static final String PROVIDER = "gptproto";

    static Stream<Arguments> configsHoldingTheKey() {
        return Stream.of(
                Arguments.of("explicit", ProviderConfig.builder().systemProperties(Map.of()).environment(Map.of())
                        .apiKey(KEY).build()),
                Arguments.of("of(URI, key)", ProviderConfig.of(URI.create("https://gptproto.com"), KEY)),
                Arguments.of("system property", ProviderConfig.builder().environment(Map.of())
                        .systemProperties(Map.of("imagegen4j.gptproto.api-key", KEY)).build()),
                Arguments.of("environment", ProviderConfig.builder().systemProperties(Map.of())
                        .environment(Map.of("GPTPROTO_API_KEY", KEY)).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configsHoldingTheKey")
    void configHandsOutTheKeyButNeverPrintsIt(String source, ProviderConfig config) {
        String text = config.toString();
        String value = config.get(PROVIDER, ProviderConfig.API_KEY).orElseThrow();

        assertThat(value).isEqualTo(KEY);
        assertThat(text).doesNotContain(KEY).doesNotContain("4242");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configsHoldingTheKey")
    void parseErrorsOfTheKeyNeverContainIt(String source, ProviderConfig config) {
        List<Throwable> errors = List.of(
                catchThrowable(() -> config.getInt(PROVIDER, ProviderConfig.API_KEY)),
                catchThrowable(() -> config.getBoolean(PROVIDER, ProviderConfig.API_KEY)),
                catchThrowable(() -> config.getDuration(PROVIDER, ProviderConfig.API_KEY)));

        assertThat(errors).hasSize(3).allSatisfy(error -> {
            assertThat(error).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(printed(error)).contains("api-key").doesNotContain(KEY).doesNotContain("4242");
        });
    }

    @Test
    void parseErrorsOfEveryDeclaredSecretNeverContainTheValue() {
        ProviderConfig config = ProviderConfig.builder()
                .systemProperties(Map.of())
                .environment(Map.of())
                .secret("client-secret", KEY)
                .secret("access-token", KEY)
                .secret("proxy-password", KEY)
                .build();

        List<Throwable> errors = Stream.of("client-secret", "access-token", "proxy-password")
                .flatMap(key -> Stream.of(
                        catchThrowable(() -> config.getInt(PROVIDER, key)),
                        catchThrowable(() -> config.getBoolean(PROVIDER, key)),
                        catchThrowable(() -> config.getDuration(PROVIDER, key))))
                .toList();

        assertThat(errors).hasSize(9).allSatisfy(error -> {
            assertThat(error).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(printed(error)).doesNotContain(KEY).doesNotContain("4242");
        });
    }

    @Test
    void configWithTheKeyInsideAnExceptionMessageStaysMasked() {
        ProviderConfig config = ProviderConfig.of(URI.create("https://gptproto.com"), KEY);
        Throwable parseError = catchThrowable(() -> config.getDuration(PROVIDER, ProviderConfig.API_KEY));

        ImageGenerationException failure = new ProviderLoadException("cannot create provider with " + config,
                ErrorDetails.of(PROVIDER), parseError);

        assertThat(failure.getMessage()).isEqualTo("cannot create provider with "
                + "ProviderConfig{api-key=***, base-url=https://gptproto.com} (provider gptproto)");
        assertThat(printed(failure)).doesNotContain(KEY).doesNotContain("4242");
    }

    static Stream<Arguments> everyException() {
        // Each exception is built the way a provider would when the configured key is rejected or
        // malformed: the config in the reason, the config's own parse error as the cause.
        ProviderConfig config = ProviderConfig.builder().systemProperties(Map.of()).environment(Map.of())
                .apiKey(KEY).build();
        Throwable cause = catchThrowable(() -> config.getInt(PROVIDER, ProviderConfig.API_KEY));
        String with = " with " + config;
        ErrorDetails details = ErrorDetails.of(PROVIDER).withHttpStatus(401).withCode("invalid_api_key")
                .withRequestId("req_1");
        Violation violation = new Violation("size", "size.multiple_of", "1000x1000",
                "size 1000x1000 must be a multiple of 16" + with);
        return Stream.<Function<ErrorDetails, ImageGenerationException>>of(
                        d -> new AuthenticationException("Incorrect API key provided" + with, d, cause),
                        d -> new PermissionDeniedException("No access to the model" + with, d, cause),
                        d -> new RateLimitException("Slow down" + with, d, Duration.ofSeconds(3), cause),
                        d -> new ProviderUnavailableException("Bad gateway" + with, d, cause),
                        d -> new GenerationTimeoutException("No answer within 5m" + with, d, cause),
                        d -> new ContentPolicyException("Refused by the safety system" + with, d, cause),
                        d -> new ProviderResponseException("Body is not an image" + with, d, cause),
                        d -> new InvalidRequestException("Invalid size" + with, d, "size", cause),
                        d -> new InvalidRequestException(d, "gpt-image-1", List.of(violation)),
                        d -> new ProviderLoadException("Cannot load provider" + with, d, cause),
                        d -> new ProviderNotFoundException("No provider gptproto" + with, d, cause),
                        d -> new GenerationCancelledException("Interrupted" + with, d, cause))
                .map(factory -> factory.apply(details))
                .map(exception -> Arguments.of(exception.getClass().getSimpleName(), exception));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyException")
    void noExceptionPrintsTheKey(String type, ImageGenerationException exception) {
        String printed = printed(exception);

        assertThat(printed).contains("ProviderConfig{api-key=***}", "provider gptproto, HTTP 401, code invalid_api_key")
                .doesNotContain(KEY).doesNotContain("4242");
        assertThat(exception.reason()).doesNotContain(KEY);
        assertThat(exception.details().toString()).doesNotContain(KEY);
    }

    /** Everything a log would show: toString, messages and the stack trace of the whole cause chain. */
    private static String printed(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return error + "\n" + error.getMessage() + "\n" + error.getLocalizedMessage() + "\n" + out;
    }
}
