package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.REQUEST_ID;
import static dev.imagegen4j.gptproto.GptProtoStubs.error;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureRequestId;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.openai.testing.WireBodies;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error response maps to the core type that says what the caller should do, with a message safe to show. */
class GptProtoErrorMappingTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    private static final String BAD_GATEWAY_PAGE = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            <hr><center>nginx/1.25.3</center>
            </body>
            </html>
            """;

    /** Sends one request with retries off, so each row sees exactly one response. */
    private static Throwable failureOf(ResponseDefinitionBuilder response) {
        return GptProtoStubs.failureOf(server, response, "max-retries", "0");
    }

    private static Arguments row(int status, String body, Class<? extends ImageGenerationException> type) {
        return Arguments.of(status, body, type);
    }

    static Stream<Arguments> statusTable() {
        return Stream.of(
                // 400: the input is wrong, unless the safety system or the bill says otherwise.
                row(400, "{\"error\":{\"message\":\"Invalid value for 'size'.\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"size\",\"code\":\"invalid_value\"}}", InvalidRequestException.class),
                row(400, "{\"error\":{\"message\":\"Invalid request parameters\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_parameters\"}}", InvalidRequestException.class),
                row(400, fixture("error-400-moderation-blocked.json"), ContentPolicyException.class),
                row(400, "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}",
                        ContentPolicyException.class),
                row(400, "{\"error\":{\"message\":\"Billing hard limit has been reached\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"billing_hard_limit_reached\"}}",
                        PermissionDeniedException.class),
                // 401: the credentials, in OpenAI's shape and in GPTProto's own.
                row(401, fixture("error-401-invalid-api-key.json"), AuthenticationException.class),
                row(401, "{\"error\":{\"message\":\"Invalid signature\",\"type\":\"401\"}}",
                        AuthenticationException.class),
                // 403: no access, or no balance; never a rate limit.
                row(403, "{\"error\":{\"message\":\"Your organization must be verified to use gpt-image-1.\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
                        PermissionDeniedException.class),
                row(403, fixture("error-403-insufficient-balance.json"), PermissionDeniedException.class),
                row(403, "{\"error\":{\"message\":\"用户额度不足\",\"type\":\"new_api_error\"}}",
                        PermissionDeniedException.class),
                row(404, "{\"error\":{\"message\":\"Invalid URL (POST /v1/images/generations)\","
                        + "\"type\":\"invalid_request_error\"}}", InvalidRequestException.class),
                row(408, "", GenerationTimeoutException.class),
                row(422, "{\"message\":\"prompt is required\"}", InvalidRequestException.class),
                // 429: throttling, unless it is the bill.
                row(429, fixture("error-429-rate-limit.json"), RateLimitException.class),
                row(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and "
                        + "billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                        + "\"code\":\"insufficient_quota\"}}", PermissionDeniedException.class),
                // 5xx: the service, whatever the body looks like.
                row(500, fixture("error-500-server-error.json"), ProviderUnavailableException.class),
                row(500, "", ProviderUnavailableException.class),
                row(502, BAD_GATEWAY_PAGE, ProviderUnavailableException.class),
                row(503, "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\","
                        + "\"type\":\"server_error\",\"code\":\"slow_down\"}}", ProviderUnavailableException.class),
                row(503, "upstream connect error or disconnect/reset before headers",
                        ProviderUnavailableException.class),
                // The vendor's page lists a content policy violation under 503.
                row(503, fixture("error-400-moderation-blocked.json"), ContentPolicyException.class),
                row(504, "", ProviderUnavailableException.class));
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @MethodSource("statusTable")
    void mapsEachStatusAndBodyToItsExceptionType(int status, String body,
                                                 Class<? extends ImageGenerationException> type) {
        Throwable thrown = failureOf(error(status, body));

        assertThat(thrown).isExactlyInstanceOf(type);
        ImageGenerationException exception = (ImageGenerationException) thrown;
        assertThat(exception.providerId()).contains("gptproto");
        assertThat(exception.httpStatus()).hasValue(status);
        assertThat(exception.requestId()).contains(REQUEST_ID);
        assertThat(exception.getMessage()).doesNotContain(API_KEY);
        verifyRequests(server, 1);
    }

    @Test
    void reportsTheParameterTheProviderBlamed() {
        InvalidRequestException thrown = (InvalidRequestException) failureOf(error(400, "{\"error\":{\"message\":"
                + "\"Invalid size '4096x4096'. Supported sizes are 1024x1024, 1024x1536, 1536x1024, and auto.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"size\",\"code\":\"invalid_value\"}}"));

        assertThat(thrown.param()).contains("size");
        assertThat(thrown.errorCode()).contains("invalid_value");
        assertThat(thrown.violations()).isEmpty();
        assertThat(thrown).hasMessage("Invalid size '4096x4096'. Supported sizes are 1024x1024, 1024x1536, 1536x1024, "
                + "and auto. (provider gptproto, HTTP 400, code invalid_value, request " + REQUEST_ID + ")");
    }

    @Test
    void treatsAnEmptyParamAsNone() {
        InvalidRequestException thrown = (InvalidRequestException) failureOf(error(400,
                "{\"error\":{\"message\":\"Invalid request parameters\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"\",\"code\":\"invalid_parameters\"}}"));

        assertThat(thrown.param()).isEmpty();
        assertThat(thrown).hasMessage("Invalid request parameters (provider gptproto, HTTP 400, "
                + "code invalid_parameters, request " + REQUEST_ID + ")");
    }

    @Test
    void showsTheRateLimitMessageWithStatusCodeAndRequestId() {
        Throwable thrown = failureOf(fixtureResponse("error-429-rate-limit.json"));

        assertThat(thrown).isInstanceOf(RateLimitException.class).hasMessage("Rate limit reached for gpt-image-1 in "
                + "organization org-AbCdEf123456 on images per minute (IPM): Limit 5, Used 5, Requested 1. Please try "
                + "again in 12s. Visit https://platform.openai.com/account/rate-limits to learn more. (provider "
                + "gptproto, HTTP 429, code rate_limit_exceeded, request "
                + fixtureRequestId("error-429-rate-limit.json") + ")");
        assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofMillis(11873));
    }

    @Test
    void showsGptProtosOwnErrorShapeWithoutACode() {
        Throwable thrown = failureOf(error(401, "{\"error\":{\"message\":\"Invalid signature\",\"type\":\"401\"}}"));

        assertThat(thrown).hasMessage("Invalid signature (provider gptproto, HTTP 401, request " + REQUEST_ID + ")");
    }

    @Test
    void showsTheBalanceMessageOfTheFixture() {
        Throwable thrown = failureOf(fixtureResponse("error-403-insufficient-balance.json"));

        assertThat(thrown).isInstanceOf(PermissionDeniedException.class).hasMessage("Insufficient account balance "
                + "for this request (remaining: $0.000000). Please top up and retry. (provider gptproto, HTTP 403, "
                + "code insufficient_user_quota, request " + fixtureRequestId("error-403-insufficient-balance.json")
                + ")");
    }

    @Test
    void showsTheTitleOfAProxysHtmlPage() {
        Throwable thrown = failureOf(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody(BAD_GATEWAY_PAGE));

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("502 Bad Gateway (provider gptproto, HTTP 502)");
    }

    @Test
    void showsTheStatusWhenTheBodyIsEmpty() {
        Throwable thrown = failureOf(aResponse().withStatus(503).withStatusMessage("Service Unavailable"));

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("HTTP 503 Service Unavailable (provider gptproto, HTTP 503)");
    }

    @Test
    void showsPlainTextBodiesAsTheMessage() {
        Throwable thrown = failureOf(error(503, "upstream connect error or disconnect/reset before headers"));

        assertThat(thrown).hasMessage("upstream connect error or disconnect/reset before headers "
                + "(provider gptproto, HTTP 503, request " + REQUEST_ID + ")");
    }

    @Test
    void shortensAHugeErrorPage() {
        Throwable thrown = failureOf(error(500, "<p>" + "overloaded ".repeat(10_000) + "</p>"));

        ImageGenerationException exception = (ImageGenerationException) thrown;
        assertThat(exception.reason()).hasSize(201).endsWith("…");
    }

    @Test
    void neverShowsTheMaskedKeyTheServerEchoes() {
        Throwable thrown = failureOf(fixtureResponse("error-401-invalid-api-key.json"));

        assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessage("Incorrect API key provided: sk-***. "
                + "You can find your API key at https://platform.openai.com/account/api-keys. (provider gptproto, "
                + "HTTP 401, code invalid_api_key, request " + fixtureRequestId("error-401-invalid-api-key.json")
                + ")");
        assertThat(thrown.getMessage()).doesNotContain("sk-abc12", "wxyz");
    }

    static Stream<Arguments> bodiesEchoingTheKey() {
        return Stream.of(
                Arguments.of(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + ".\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", API_KEY),
                Arguments.of(403, "{\"error\":{\"message\":\"token " + API_KEY + " has no access\"}}", API_KEY),
                Arguments.of(429, "{\"message\":\"slow down, " + API_KEY + "\"}", API_KEY),
                Arguments.of(502, "<html><title>Bad key " + API_KEY + "</title></html>", API_KEY),
                Arguments.of(500, "{\"error\":\"Authorization: " + API_KEY + " failed\"}", API_KEY),
                Arguments.of(400, "{\"error\":{\"message\":\"key sk-proj-Ab12Cd34Ef56 is not valid here\"}}",
                        "Ab12Cd34Ef56"),
                Arguments.of(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc***...xyz9.\"}}",
                        "xyz9"));
    }

    @ParameterizedTest(name = "HTTP {0}: {2}")
    @MethodSource("bodiesEchoingTheKey")
    void neverShowsTheKeyEvenWhenTheServerEchoesIt(int status, String body, String secret) {
        Throwable thrown = failureOf(error(status, body));

        assertThat(thrown).isInstanceOf(ImageGenerationException.class);
        assertThat(thrown.getMessage()).contains("***").doesNotContain(secret);
        assertThat(thrown.toString()).doesNotContain(secret);
    }

    @Test
    void neverShowsTheKeyOfAnErrorInsideAStream() {
        stub(server, GptProtoStubs.sse(WireBodies.event("error",
                "{\"type\":\"error\",\"message\":\"bad key " + API_KEY + "\",\"code\":\"invalid_api_key\"}")));

        Throwable thrown = GptProtoStubs.streamFailureOf(server, GptProtoStubs.request().build());

        assertThat(thrown).isInstanceOf(ImageGenerationException.class);
        assertThat(thrown.getMessage()).isEqualTo("The generation failed: bad key *** (provider gptproto, "
                + "code invalid_api_key, request " + REQUEST_ID + ")");
    }

    @Test
    void marksWhatMayBeRetriedLater() {
        Throwable limited = failureOf(fixtureResponse("error-429-rate-limit.json"));
        Throwable refused = failureOf(fixtureResponse("error-400-moderation-blocked.json"));

        assertThat(((ImageGenerationException) limited).isRetryable()).isTrue();
        assertThat(((ImageGenerationException) refused).isRetryable()).isFalse();
        assertThat(((ImageGenerationException) refused).errorCode()).contains("moderation_blocked");
    }
}
