package dev.imagegen4j.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagegen4j.stability.Fixtures.KEY;
import static dev.imagegen4j.stability.Fixtures.PNG;
import static dev.imagegen4j.stability.Fixtures.body;
import static dev.imagegen4j.stability.Fixtures.generator;
import static dev.imagegen4j.stability.Fixtures.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented (and observed) error status and body to the exception a caller acts on. */
class StabilityErrorMappingTest {
    private static final String CORE = "/v2beta/stable-image/generate/core";

    @RegisterExtension
    static final WireMockExtension WM = Fixtures.server(new StabilityStub());

    private static ImageGenerationException failure(int status, String body, String... keyValues) {
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req-9").withBody(body)));
        return thrown(WM, ImageGenerationException.class, ImageRequest.builder("a fox").build(), keyValues);
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | bad_request         | InvalidRequestException     | some-field: is required",
            "401 | unauthorized        | AuthenticationException     | authorization: invalid or missing header value",
            "402 | payment_required    | PermissionDeniedException   | You lack sufficient credits to make this request. Please purchase more credits at https://platform.stability.ai/account/credits and try again.",
            "403 | content_moderation  | ContentPolicyException      | Your request was flagged by our content moderation system, as a result your request was denied and you were not charged.",
            "413 | payload_too_large   | InvalidRequestException     | body: payloads cannot be larger than 10MiB in size",
            "422 | invalid_language    | InvalidRequestException     | English is the only supported language for this service.",
            "422 | public_figure       | InvalidRequestException     | Our system detected the likeness of a public figure in your image. To comply with our guidelines, this request cannot be processed.",
            "429 | rate_limit_exceeded | RateLimitException          | You have exceeded the rate limit of 150 requests within a 10 second period, and have been timed out for further requests for 60 seconds.",
            "500 | internal_error      | ProviderUnavailableException | An unexpected server error has occurred, please try again later."})
    void mapsEachStatusAndNameToTheExceptionACallerActsOn(int status, String name, String type, String message) {
        ImageGenerationException thrown = failure(status, body(name));

        assertThat(thrown.getClass().getSimpleName()).isEqualTo(type);
        assertThat(thrown.reason()).isEqualTo(message);
        assertThat(thrown.httpStatus()).hasValue(status);
        assertThat(thrown.errorCode()).hasValue(name);
        assertThat(thrown.requestId()).hasValue("req-9");
        assertThat(thrown.providerId()).hasValue("stability");
    }

    @Test
    void namesTheParameterStabilityBlamesInA400() {
        InvalidRequestException thrown = (InvalidRequestException) failure(400, body("bad_request"));

        assertThat(thrown.param()).hasValue("some-field");
        assertThat(thrown.getMessage()).isEqualTo("some-field: is required (provider stability, HTTP 400, "
                + "code bad_request, request req-9)");
    }

    @Test
    void joinsEveryMessageOfTheErrorsList() {
        ImageGenerationException thrown = failure(400,
                "{\"id\":\"x\",\"name\":\"bad_request\",\"errors\":[\"prompt: is required\",\"seed: too large\"]}");

        assertThat(thrown.reason()).isEqualTo("prompt: is required; seed: too large");
    }

    @Test
    void mapsA403ThatIsNotModerationToPermissionDenied() {
        ImageGenerationException thrown = failure(403, "{\"id\":\"x\",\"name\":\"forbidden\",\"errors\":[\"no access\"]}");

        assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void reportsTheRetryAfterOfA429OrElseTheDocumentedMinute() {
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withBody(body("rate_limit_exceeded"))));
        RateLimitException withHeader = thrown(WM, RateLimitException.class, ImageRequest.builder("a fox").build());
        RateLimitException without = (RateLimitException) failure(429, body("rate_limit_exceeded"));

        assertThat(withHeader.retryAfter()).hasValue(Duration.ofSeconds(7));
        assertThat(without.retryAfter()).hasValue(Duration.ofSeconds(60));
        assertThat(without.isRetryable()).isTrue();
    }

    @Test
    void mapsA404ToAnInvalidRequestThatNamesTheBaseUrlSetting() {
        ImageGenerationException thrown = failure(404, "not found");

        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        assertThat(thrown.reason()).isEqualTo("HTTP 404 from POST " + WM.baseUrl() + CORE + "; check the stability "
                + "setting base-url (STABILITY_BASE_URL or -Dimagegen4j.stability.base-url) and the model");
    }

    @Test
    void mapsA503WithAnHtmlBodyToUnavailable() {
        ImageGenerationException thrown = failure(503, "<html>Service Unavailable</html>");

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(thrown.reason()).isEqualTo("HTTP 503 Service Unavailable");
    }

    @Test
    void hidesAKeyTheServiceEchoes() {
        ImageGenerationException thrown = failure(401, "{\"id\":\"" + KEY + "\",\"name\":\"unauthorized\",\"errors\":"
                + "[\"authorization: invalid key " + KEY + "\",\"key starts " + KEY.substring(0, 12) + "\"]}");

        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(thrown).isInstanceOf(AuthenticationException.class);
        assertThat(thrown.reason()).isEqualTo("authorization: invalid key ***; key starts ***");
        assertThat(trace.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
    }

    @Test
    void leavesRetriesToTheTransportWhichRetriesA500AndThenSucceeds() {
        WM.stubFor(post(urlPathEqualTo(CORE)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody(body("internal_error"))).willSetStateTo("recovered"));
        WM.stubFor(post(urlPathEqualTo(CORE)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                        .withHeader("finish-reason", "SUCCESS").withBody(PNG)));

        try (ImageGenerator generator = generator(WM, "max-retries", "1", "retry-initial-delay", "1ms")) {
            assertThat(generator.generate(ImageRequest.builder("a fox").build()).image().bytes()).isEqualTo(PNG);
        }

        assertThat(WM.getAllServeEvents()).hasSize(2);
    }

    @Test
    void neverRetriesAModerationRefusal() {
        ImageGenerationException thrown = failure(403, body("content_moderation"), "max-retries", "2");

        assertThat(thrown).isInstanceOf(ContentPolicyException.class);
        assertThat(WM.getAllServeEvents()).hasSize(1);
    }
}
