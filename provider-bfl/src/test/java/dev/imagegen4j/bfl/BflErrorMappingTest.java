package dev.imagegen4j.bfl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.bfl.api.BflModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP errors of submits and polls, mapped to the exception a caller acts on, and never showing the key. */
class BflErrorMappingTest {
    @RegisterExtension
    static final WireMockExtension API = Fixtures.server();

    private static final ImageRequest FOX = ImageRequest.builder("a fox").model(BflModels.FLUX_PRO_1_1)
            .size(ImageSize.of(1024, 768)).build();

    private static ImageGenerationException submitFails(int status, String body, String... headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        API.stubFor(post(urlPathEqualTo("/v1/flux-pro-1.1")).willReturn(response));
        try (ImageGenerator generator = Fixtures.generator(API)) {
            return catchThrowableOfType(ImageGenerationException.class, () -> generator.submit(FOX));
        }
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, "{\"detail\":\"Bad request\"}", InvalidRequestException.class, false),
                Arguments.of(401, "{\"detail\":\"Not authenticated\"}", AuthenticationException.class, false),
                Arguments.of(402, "{\"detail\":\"Insufficient credits\"}", PermissionDeniedException.class, false),
                Arguments.of(403, "{\"detail\":\"Forbidden\"}", PermissionDeniedException.class, false),
                Arguments.of(404, "{\"detail\":\"Not Found\"}", InvalidRequestException.class, false),
                Arguments.of(429, "{\"detail\":\"Too many active tasks\"}", RateLimitException.class, true),
                Arguments.of(500, "{\"detail\":\"Internal Server Error\"}", ProviderUnavailableException.class, true),
                Arguments.of(503, "<html><title>Maintenance</title></html>", ProviderUnavailableException.class, true));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void mapsEachStatusOfASubmitToItsType(int status, String body, Class<?> type, boolean retryable) {
        ImageGenerationException thrown = submitFails(status, body);

        assertThat(thrown).isInstanceOf(type);
        assertThat(thrown.httpStatus()).hasValue(status);
        assertThat(thrown.isRetryable()).isEqualTo(retryable);
        assertThat(thrown.reason()).startsWith("BFL refused the submit to flux-pro-1.1");
    }

    @Test
    void http402SaysTheAccountIsOutOfCredits() {
        ImageGenerationException thrown = submitFails(402, "{\"detail\":\"Insufficient credits\"}");

        assertThat(thrown.reason()).isEqualTo("BFL refused the submit to flux-pro-1.1 (HTTP 402: Insufficient credits):"
                + " the account is out of credits (or has no payment method); top up at https://dashboard.bfl.ai");
    }

    @Test
    void http429CarriesRetryAfterWhenSent() {
        ImageGenerationException thrown = submitFails(429, "{\"detail\":\"Too many active tasks\"}", "Retry-After", "3");

        assertThat(((RateLimitException) thrown).retryAfter()).hasValue(Duration.ofSeconds(3));
        assertThat(thrown.reason()).contains("too many active tasks");
    }

    @Test
    void http422NamesBflsFieldsAsTheRequestNamesThem() {
        ImageGenerationException thrown = submitFails(422, "{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":"
                + "\"Input should be less than or equal to 1440\",\"type\":\"less_than_equal\"},{\"loc\":[\"body\","
                + "\"safety_tolerance\"],\"msg\":\"Input should be less than or equal to 6\",\"type\":\"less_than_equal\"}]}");

        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        assertThat(thrown.reason()).isEqualTo("BFL refused the submit to flux-pro-1.1: size (width): Input should be"
                + " less than or equal to 1440; extras.bfl.safety_tolerance (safety_tolerance): Input should be less than"
                + " or equal to 6");
        assertThat(((InvalidRequestException) thrown).param()).hasValue("width");
        assertThat(thrown.errorCode()).hasValue("less_than_equal");
    }

    @Test
    void aSubmitAnswerWithoutPollingUrlIsUnreadable() {
        ImageGenerationException thrown = submitFails(200, "{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Pending\","
                + "\"webhook_url\":\"https://example.com/hook\"}");

        assertThat(thrown).isInstanceOf(ProviderResponseException.class).hasMessageContaining("polling_url");
    }

    @Test
    void aServerEchoingTheKeyNeverGetsItIntoAMessage() {
        String echo = "{\"detail\":\"Invalid key " + Fixtures.KEY + " for x-key\"}";

        for (int status : new int[] {401, 402, 422, 429, 500}) {
            ImageGenerationException thrown = submitFails(status, echo, "X-Echo", Fixtures.KEY);

            assertThat(everything(thrown)).as("HTTP " + status).doesNotContain(Fixtures.KEY)
                    .doesNotContain(Fixtures.KEY.substring(0, 12));
        }
    }

    @Test
    void aPollAnswerEchoingTheKeyInItsDetailsNeverGetsItIntoAMessage() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, API);
        API.stubFor(get(urlPathEqualTo("/v1/get_result")).willReturn(aResponse().withStatus(200).withBody("{\"id\":\""
                + Fixtures.TASK + "\",\"status\":\"Error\",\"details\":{\"key\":\"" + Fixtures.KEY + "\"}}")));

        ImageGenerationException thrown;
        try (ImageGenerator generator = Fixtures.generator(API)) {
            thrown = catchThrowableOfType(ImageGenerationException.class, () -> generator.generate(FOX));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(everything(thrown)).doesNotContain(Fixtures.KEY);
    }

    @Test
    void aPollRefusedForGoodFailsTheJobWithoutAnotherSubmit() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, API);
        API.stubFor(get(urlPathEqualTo("/v1/get_result")).willReturn(aResponse().withStatus(403)
                .withBody("{\"detail\":\"Forbidden\"}")));

        ImageGenerationException thrown;
        try (ImageGenerator generator = Fixtures.generator(API)) {
            thrown = catchThrowableOfType(ImageGenerationException.class, () -> generator.generate(FOX));
        }

        assertThat(thrown).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("the poll of task " + Fixtures.TASK);
        assertThat(thrown.jobId()).isPresent();
        assertThat(Fixtures.sent(API)).filteredOn(r -> r.getMethod().getName().equals("POST")).hasSize(1);
    }

    private static String everything(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return thrown + "\n" + trace;
    }
}
