package dev.imagegen4j.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagegen4j.stability.Fixtures.PNG;
import static dev.imagegen4j.stability.Fixtures.config;
import static dev.imagegen4j.stability.Fixtures.generator;
import static dev.imagegen4j.stability.Fixtures.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.Warning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the provider makes of 200 answers: both Accept modes, every finish_reason, the seed. */
class StabilityResponseTest {
    private static final String CORE = "/v2beta/stable-image/generate/core";

    @RegisterExtension
    static final WireMockExtension WM = Fixtures.server(new StabilityStub());

    private static void answerImage(String finishReason) {
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", finishReason)
                .withHeader("seed", "343940597").withHeader("x-request-id", "req-1").withBody(PNG)));
    }

    private static void answerJson(String finishReason) {
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; type=image/png").withHeader("x-request-id", "req-1")
                .withBody("{\"image\":\"" + Base64.getEncoder().encodeToString(PNG) + "\",\"finish_reason\":\""
                        + finishReason + "\",\"seed\":343940597}")));
    }

    private static void answer(String accept, String finishReason) {
        if (accept.equals("json")) {
            answerJson(finishReason);
        } else {
            answerImage(finishReason);
        }
    }

    private static StabilityBackend backend(String... keyValues) {
        return new StabilityBackend(Settings.from(config(WM, keyValues)), duration -> { });
    }

    @Test
    void streamsTheImageBytesOfAnImageAnswerWithItsSeedAndRequestId() {
        answerImage("SUCCESS");

        StabilityBackend.Generated generated;
        try (StabilityBackend backend = backend()) {
            generated = backend.generateOne(Fixtures.call(ImageRequest.builder("a fox").build()));
        }

        assertThat(generated.image().bytes()).isEqualTo(PNG);
        assertThat(generated.seed()).isEqualTo(343_940_597L);
        assertThat(generated.finishReason()).isEqualTo("SUCCESS");
        assertThat(generated.requestId()).isEqualTo("req-1");
        assertThat(generated.outputFormat()).isEqualTo("png");
    }

    @Test
    void decodesTheBase64ImageOfAJsonAnswerWithItsSeed() {
        answerJson("SUCCESS");

        StabilityBackend.Generated generated;
        try (StabilityBackend backend = backend("accept", "json")) {
            generated = backend.generateOne(Fixtures.call(ImageRequest.builder("a fox").build()));
        }

        assertThat(generated.image().bytes()).isEqualTo(PNG);
        assertThat(generated.seed()).isEqualTo(343_940_597L);
        assertThat(generated.finishReason()).isEqualTo("SUCCESS");
        assertThat(generated.outputFormat()).isEqualTo("png");
    }

    @Test
    void readsAJsonAnswerToAnImageRequestByItsContentType() {
        answerJson("SUCCESS");

        ImageResponse response;
        try (ImageGenerator generator = generator(WM)) {
            response = generator.generate(ImageRequest.builder("a fox").build());
        }

        assertThat(response.image().bytes()).isEqualTo(PNG);
        assertThat(response.requestId()).isEqualTo("req-1");
    }

    @Test
    void writesTheStreamedImageStraightIntoFileStorage(@TempDir Path directory) throws Exception {
        answerImage("SUCCESS");

        ImageResponse response;
        try (ImageGenerator generator = ImageGenerator.builder(new StabilityImageProvider()).config(config(WM))
                .storage(ImageStorage.directory(directory)).build()) {
            response = generator.generate(ImageRequest.builder("a fox").build());
        }

        assertThat(response.image().file()).hasParent(directory);
        assertThat(Files.readAllBytes(response.image().file())).isEqualTo(PNG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "json"})
    void failsAContentFilteredImageWithContentPolicyExceptionAndKeepsNoFile(String accept, @TempDir Path directory)
            throws Exception {
        answer(accept, "CONTENT_FILTERED");

        ContentPolicyException thrown;
        try (ImageGenerator generator = ImageGenerator.builder(new StabilityImageProvider())
                .config(config(WM, "accept", accept)).storage(ImageStorage.directory(directory)).build()) {
            thrown = catchThrowableOfType(ContentPolicyException.class,
                    () -> generator.generate(ImageRequest.builder("a fox").build()));
        }

        assertThat(thrown.reason()).isEqualTo("Stability's content moderation flagged the image stable-image-core "
                + "generated (finish_reason CONTENT_FILTERED); it came back blurred and was discarded. Change the "
                + "prompt, or set the stability setting keep-filtered (STABILITY_KEEP_FILTERED or "
                + "-Dimagegen4j.stability.keep-filtered) to true to keep blurred images");
        assertThat(thrown.errorCode()).hasValue("CONTENT_FILTERED");
        assertThat(thrown.requestId()).hasValue("req-1");
        assertThat(thrown.isRetryable()).isFalse();
        assertThat(WM.getAllServeEvents()).hasSize(1);
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "json"})
    void keepsAContentFilteredImageWithAWarningWhenAskedTo(String accept) {
        answer(accept, "CONTENT_FILTERED");

        ImageResponse response;
        try (ImageGenerator generator = generator(WM, "accept", accept, "keep-filtered", "true")) {
            response = generator.generate(ImageRequest.builder("a fox").build());
        }

        assertThat(response.image().bytes()).isEqualTo(PNG);
        assertThat(response.warnings()).extracting(Warning::code).containsExactly("content.filtered");
        assertThat(response.warnings().get(0).reason()).isEqualTo("Stability's content moderation flagged the "
                + "image (finish_reason CONTENT_FILTERED); it is blurred, and kept because stability setting "
                + "keep-filtered (STABILITY_KEEP_FILTERED or -Dimagegen4j.stability.keep-filtered) is true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "json"})
    void refusesAnUndocumentedFinishReason(String accept) {
        answer(accept, "ERROR");

        ProviderResponseException thrown = thrown(WM, ProviderResponseException.class,
                ImageRequest.builder("a fox").build(), "accept", accept);

        assertThat(thrown.reason()).isEqualTo("Unreadable response: finish_reason 'ERROR' is neither SUCCESS nor "
                + "CONTENT_FILTERED");
    }

    @Test
    void refusesA200ThatIsNeitherAnImageNorJson() {
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>gateway</html>")));

        ProviderResponseException thrown = thrown(WM, ProviderResponseException.class,
                ImageRequest.builder("a fox").build());

        assertThat(thrown.reason()).isEqualTo("Unreadable response: a 200 response of type 'text/html', neither "
                + "image/* nor JSON");
    }

    @Test
    void refusesAJsonAnswerLargerThanItHoldsInMemory(@TempDir Path directory) throws Exception {
        String huge = "{\"finish_reason\":\"SUCCESS\",\"image\":\"" + "A".repeat(StabilityBackend.MAX_JSON_BYTES) + "\"}";
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; type=image/png").withBody(huge)));

        ProviderResponseException thrown;
        try (ImageGenerator generator = ImageGenerator.builder(new StabilityImageProvider())
                .config(config(WM, "accept", "json")).storage(ImageStorage.directory(directory)).build()) {
            thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> generator.generate(ImageRequest.builder("a fox").build()), ProviderResponseException.class);
        }

        assertThat(thrown.reason()).isEqualTo("Unreadable response: the JSON image response is larger than "
                + StabilityBackend.MAX_JSON_BYTES + " bytes, which accept=json holds in memory; use accept=image for "
                + "large images");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesImageBytesThatAreNotAnImage() {
        WM.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS").withBody("not a png")));

        ProviderResponseException thrown = thrown(WM, ProviderResponseException.class,
                ImageRequest.builder("a fox").build());

        assertThat(thrown.reason()).startsWith("Unreadable response: the image is not readable: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "json"})
    void returnsTheFormatAskedForInBothModes(String accept) {
        StabilityStub.register(WM.getRuntimeInfo().getWireMock());

        ImageResponse response;
        try (ImageGenerator generator = generator(WM, "accept", accept)) {
            response = generator.generate(ImageRequest.builder("a fox").outputFormat(OutputFormat.WEBP).build());
        }

        assertThat(response.image().format()).isEqualTo(ImageFormat.WEBP);
        assertThat(response.outputFormat()).isEqualTo("webp");
    }
}
