package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageGenerationExceptionTest {
    private static final ErrorDetails FULL = ErrorDetails.of("gptproto").withHttpStatus(429)
            .withCode("rate_limit_exceeded").withRequestId("req_1");
    private static final String FULL_SUFFIX = " (provider gptproto, HTTP 429, code rate_limit_exceeded, request req_1)";
    private static final Throwable CAUSE = new IOException("connection reset");

    /** Builds one subtype from a reason, details and a cause (null for none). */
    @FunctionalInterface
    interface Factory {
        ImageGenerationException create(String reason, ErrorDetails details, Throwable cause);
    }

    static Stream<Arguments> subtypes() {
        return Stream.of(
                Arguments.of(RateLimitException.class, true,
                        (Factory) (r, d, c) -> new RateLimitException(r, d, Duration.ofSeconds(3), c)),
                Arguments.of(ProviderUnavailableException.class, true,
                        (Factory) ProviderUnavailableException::new),
                Arguments.of(GenerationTimeoutException.class, true,
                        (Factory) GenerationTimeoutException::new),
                Arguments.of(AuthenticationException.class, false, (Factory) AuthenticationException::new),
                Arguments.of(PermissionDeniedException.class, false, (Factory) PermissionDeniedException::new),
                Arguments.of(ContentPolicyException.class, false, (Factory) ContentPolicyException::new),
                Arguments.of(ProviderResponseException.class, false, (Factory) ProviderResponseException::new),
                Arguments.of(InvalidRequestException.class, false,
                        (Factory) (r, d, c) -> new InvalidRequestException(r, d, "size", c)),
                Arguments.of(ProviderLoadException.class, false, (Factory) ProviderLoadException::new),
                Arguments.of(ProviderNotFoundException.class, false, (Factory) ProviderNotFoundException::new));
    }

    @ParameterizedTest(name = "{0} retryable: {1}")
    @MethodSource("subtypes")
    void eachSubtypeSaysWhetherRetryingMayHelpAndComposesItsMessage(
            Class<? extends ImageGenerationException> type, boolean retryable, Factory factory) {
        ImageGenerationException exception = factory.create("Something failed", FULL, CAUSE);

        assertThat(exception).isExactlyInstanceOf(type);
        assertThat(exception.isRetryable()).isEqualTo(retryable);
        assertThat(exception.getMessage()).isEqualTo("Something failed" + FULL_SUFFIX);
        assertThat(exception.reason()).isEqualTo("Something failed");
        assertThat(exception.details()).isEqualTo(FULL);
        assertThat(exception.providerId()).contains("gptproto");
        assertThat(exception.httpStatus()).hasValue(429);
        assertThat(exception.errorCode()).contains("rate_limit_exceeded");
        assertThat(exception.requestId()).contains("req_1");
        assertThat(exception.getCause()).isSameAs(CAUSE);
    }

    @Test
    void rateLimitExceptionCarriesEverythingTheProviderSaid() {
        RateLimitException exception = new RateLimitException("Slow down", ErrorDetails.of("gptproto")
                .withHttpStatus(429).withCode("rate_limit_exceeded").withRequestId("req_1"), Duration.ofSeconds(3));

        assertThat(exception.getMessage())
                .isEqualTo("Slow down (provider gptproto, HTTP 429, code rate_limit_exceeded, request req_1)");
        assertThat(exception.toString()).isEqualTo("dev.imagegen4j.RateLimitException: "
                + "Slow down (provider gptproto, HTTP 429, code rate_limit_exceeded, request req_1)");
        assertThat(exception.reason()).isEqualTo("Slow down");
        assertThat(exception.providerId()).contains("gptproto");
        assertThat(exception.httpStatus()).hasValue(429);
        assertThat(exception.errorCode()).contains("rate_limit_exceeded");
        assertThat(exception.requestId()).contains("req_1");
        assertThat(exception.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(exception.isRetryable()).isTrue();
        assertThat(exception.getCause()).isNull();
    }

    @Test
    void rateLimitWithoutRetryAfterHasNone() {
        RateLimitException exception = new RateLimitException("Slow down", ErrorDetails.of("gptproto"), null);

        assertThat(exception.retryAfter()).isEmpty();
        assertThat(exception.getMessage()).isEqualTo("Slow down (provider gptproto)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subtypes")
    void noDetailsGiveJustTheReason(Class<? extends ImageGenerationException> type, boolean retryable,
                                    Factory factory) {
        ImageGenerationException exception = factory.create("No provider is on the class path",
                ErrorDetails.none(), null);

        assertThat(exception.getMessage()).isEqualTo("No provider is on the class path");
        assertThat(exception.providerId()).isEmpty();
        assertThat(exception.httpStatus()).isEqualTo(OptionalInt.empty());
        assertThat(exception.errorCode()).isEmpty();
        assertThat(exception.requestId()).isEmpty();
        assertThat(exception.getCause()).isNull();
    }

    static Stream<Arguments> partialDetails() {
        return Stream.of(
                Arguments.of(ErrorDetails.of("gptproto"), "Failed (provider gptproto)"),
                Arguments.of(ErrorDetails.of("gptproto").withHttpStatus(503), "Failed (provider gptproto, HTTP 503)"),
                Arguments.of(ErrorDetails.of("gptproto").withRequestId("req_9"),
                        "Failed (provider gptproto, request req_9)"),
                Arguments.of(ErrorDetails.of("gptproto").withCode("moderation_blocked"),
                        "Failed (provider gptproto, code moderation_blocked)"),
                Arguments.of(ErrorDetails.none().withHttpStatus(500), "Failed (HTTP 500)"),
                Arguments.of(ErrorDetails.of("gptproto").withHttpStatus(400).withCode(null).withRequestId(null),
                        "Failed (provider gptproto, HTTP 400)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("partialDetails")
    void messageListsOnlyTheDetailsThatAreKnown(ErrorDetails details, String message) {
        ImageGenerationException exception = new ProviderUnavailableException("Failed", details);

        assertThat(exception.getMessage()).isEqualTo(message);
        assertThat(exception.reason()).isEqualTo("Failed");
    }

    @Test
    void twoArgumentConstructorsHaveNoCause() {
        List<ImageGenerationException> exceptions = List.of(
                new AuthenticationException("r", FULL),
                new PermissionDeniedException("r", FULL),
                new ProviderUnavailableException("r", FULL),
                new GenerationTimeoutException("r", FULL),
                new ContentPolicyException("r", FULL),
                new ProviderResponseException("r", FULL),
                new ProviderLoadException("r", FULL),
                new ProviderNotFoundException("r", FULL),
                new RateLimitException("r", FULL, null));

        assertThat(exceptions).allSatisfy(exception -> {
            assertThat(exception.getCause()).isNull();
            assertThat(exception.getMessage()).isEqualTo("r" + FULL_SUFFIX);
        });
    }

    @Test
    void providerSideInvalidRequestNamesTheParameterAndHasNoViolations() {
        InvalidRequestException exception = new InvalidRequestException("Invalid value for size",
                ErrorDetails.of("gptproto").withHttpStatus(400).withCode("invalid_value"), "size", null);

        assertThat(exception.getMessage()).isEqualTo("Invalid value for size (provider gptproto, HTTP 400, code invalid_value)");
        assertThat(exception.param()).contains("size");
        assertThat(exception.violations()).isEmpty();
    }

    @Test
    void providerSideInvalidRequestMayNameNoParameter() {
        InvalidRequestException exception = new InvalidRequestException("Bad request", ErrorDetails.of("gptproto"),
                null, null);

        assertThat(exception.param()).isEmpty();
    }

    @Test
    void localInvalidRequestListsEveryViolation() {
        List<Violation> violations = List.of(
                new Violation("size", "size.multiple_of", "1000x1000", "size 1000x1000 must be a multiple of 16"),
                new Violation("count", "count.range", "11", "count 11 must be between 1 and 10"));

        InvalidRequestException exception = new InvalidRequestException(ErrorDetails.of("gptproto"), "Invalid request for model gpt-image-1",
                violations);

        assertThat(exception.getMessage()).isEqualTo("Invalid request for model gpt-image-1: "
                + "size 1000x1000 must be a multiple of 16; count 11 must be between 1 and 10 (provider gptproto)");
        assertThat(exception.reason()).isEqualTo("Invalid request for model gpt-image-1: "
                + "size 1000x1000 must be a multiple of 16; count 11 must be between 1 and 10");
        assertThat(exception.violations()).isEqualTo(violations);
        assertThat(exception.param()).contains("size");
        assertThat(exception.isRetryable()).isFalse();
        assertThat(exception.getCause()).isNull();
    }

    @Test
    void localInvalidRequestKeepsItsOwnCopyOfTheViolations() {
        Violation violation = new Violation("count", "count.range", "0", "count 0 must be at least 1");
        List<Violation> violations = new ArrayList<>(List.of(violation));
        InvalidRequestException exception = new InvalidRequestException(ErrorDetails.none(), "m", violations);

        violations.clear();

        assertThat(exception.violations()).containsExactly(violation);
    }

    @Test
    void localInvalidRequestNeedsAtLeastOneViolation() {
        List<Violation> none = List.of();

        assertThatThrownBy(() -> new InvalidRequestException(ErrorDetails.none(), "gpt-image-1", none))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invalid request needs at least one violation");
    }

    @Test
    void reasonIsRequired() {
        assertThatThrownBy(() -> new ProviderUnavailableException(null, ErrorDetails.none()))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("reason");
    }
}
