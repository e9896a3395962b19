package dev.imagegen4j.stability;

import static dev.imagegen4j.stability.Fixtures.INPUT;
import static dev.imagegen4j.stability.Fixtures.KEY;
import static dev.imagegen4j.stability.Fixtures.fields;
import static dev.imagegen4j.stability.Fixtures.generator;
import static dev.imagegen4j.stability.Fixtures.parts;
import static dev.imagegen4j.stability.Fixtures.sent;
import static dev.imagegen4j.stability.Fixtures.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the provider sends: endpoint, headers and every multipart part, for each model and setting. */
class StabilityRequestTest {
    @RegisterExtension
    static final WireMockExtension WM = Fixtures.server(new StabilityStub());

    @BeforeEach
    void stubService() {
        StabilityStub.register(WM.getRuntimeInfo().getWireMock());
    }

    private static LoggedRequest only() {
        assertThat(sent(WM)).hasSize(1);
        return sent(WM).get(0);
    }

    @ParameterizedTest
    @CsvSource({
            "stable-image-core, /v2beta/stable-image/generate/core,",
            "stable-image-ultra, /v2beta/stable-image/generate/ultra,",
            "sd3.5-large, /v2beta/stable-image/generate/sd3, sd3.5-large",
            "sd3.5-large-turbo, /v2beta/stable-image/generate/sd3, sd3.5-large-turbo",
            "sd3.5-medium, /v2beta/stable-image/generate/sd3, sd3.5-medium"})
    void sendsEverySettingAsTheMultipartPartOfItsModelsEndpoint(String model, String path, String modelField) {
        try (ImageGenerator generator = generator(WM)) {
            generator.generate(ImageRequest.builder("a fox").model(model).size(ImageSize.ratio(21, 9)).seed(7L)
                    .negativePrompt("blurry").outputFormat(OutputFormat.JPEG)
                    .extra("stability", "style_preset", "analog-film").build());
        }

        LoggedRequest request = only();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(path);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeader("Accept")).isEqualTo("image/*");
        assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.containsHeader("stability-client-id")).isFalse();
        var expected = new java.util.LinkedHashMap<String, String>();
        expected.put("prompt", "a fox");
        if (modelField != null) {
            expected.put("model", modelField);
        }
        expected.put("aspect_ratio", "21:9");
        expected.put("negative_prompt", "blurry");
        expected.put("seed", "7");
        expected.put("output_format", "jpeg");
        expected.put("style_preset", "analog-film");
        assertThat(fields(request)).containsExactlyEntriesOf(expected);
        for (Request.Part part : parts(request).values()) {
            assertThat(part.getHeader("Content-Type").firstValue()).isEqualTo("text/plain; charset=UTF-8");
        }
    }

    @Test
    void sendsOnlyThePromptWhenNothingElseIsSet() {
        try (ImageGenerator generator = generator(WM)) {
            generator.generate(ImageRequest.builder("ein Fuchs im Schnee – café").build());
        }

        LoggedRequest request = only();
        assertThat(request.getUrl()).isEqualTo("/v2beta/stable-image/generate/core");
        assertThat(fields(request)).containsExactly(entry("prompt", "ein Fuchs im Schnee – café"));
    }

    @Test
    void sendsAReferenceImageWithStrengthToUltraWithoutAMode() {
        try (ImageGenerator generator = generator(WM)) {
            generator.generate(ImageRequest.builder("as a watercolour").model("stable-image-ultra").image(INPUT)
                    .extra("stability", "strength", 0.35).build());
        }

        LoggedRequest request = only();
        assertThat(fields(request)).containsExactly(entry("prompt", "as a watercolour"),
                entry("image", INPUT.byteCount() + " bytes"), entry("strength", "0.35"));
        Request.Part image = parts(request).get("image");
        assertThat(image.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(image.getHeader("Content-Disposition").firstValue()).contains("filename=\"image.png\"");
        assertThat(image.getBody().asBytes()).isEqualTo(Fixtures.INPUT_BYTES);
    }

    @Test
    void sendsImageToImageModeModelStrengthAndCfgScaleToSd3() {
        try (ImageGenerator generator = generator(WM)) {
            generator.generate(ImageRequest.builder("as a watercolour").model("sd3.5-medium").image(INPUT)
                    .extra("stability", "strength", 1).extra("stability", "cfg_scale", 4.5).build());
        }

        assertThat(fields(only())).containsExactly(entry("prompt", "as a watercolour"), entry("model", "sd3.5-medium"),
                entry("mode", "image-to-image"), entry("image", INPUT.byteCount() + " bytes"), entry("strength", "1"),
                entry("cfg_scale", "4.5"));
    }

    @Test
    void sendsTheClientHeadersAndTheEndUserId() {
        try (ImageGenerator generator = generator(WM, "client-id", "my-app", "client-version", "1.2.3")) {
            generator.generate(ImageRequest.builder("a fox").user("user-42").build());
        }

        LoggedRequest request = only();
        assertThat(request.getHeader("stability-client-id")).isEqualTo("my-app");
        assertThat(request.getHeader("stability-client-version")).isEqualTo("1.2.3");
        assertThat(request.getHeader("stability-client-user-id")).isEqualTo("user-42");
    }

    @Test
    void asksForJsonWhenTheAcceptSettingIsJson() {
        try (ImageGenerator generator = generator(WM, "accept", "json")) {
            generator.generate(ImageRequest.builder("a fox").build());
        }

        assertThat(only().getHeader("Accept")).isEqualTo("application/json");
    }

    @Test
    void postsUnderABaseUrlWithAPath() {
        ProviderConfig config = ProviderConfig.builder().baseUrl(URI.create(WM.baseUrl() + "/")).apiKey(KEY).build();
        try (ImageGenerator generator = ImageGenerator.create(new StabilityImageProvider(), config)) {
            generator.generate(ImageRequest.builder("a fox").build());
        }

        assertThat(only().getUrl()).isEqualTo("/v2beta/stable-image/generate/core");
    }

    @Test
    void sendsAnExactSizeOfExactlyAListedShapeAsItsRatioWithoutAWarning() {
        ImageResponse response;
        try (ImageGenerator generator = generator(WM)) {
            response = generator.generate(ImageRequest.builder("a fox").size(ImageSize.of(1920, 1080)).build());
        }

        assertThat(fields(only())).containsEntry("aspect_ratio", "16:9");
        assertThat(response.warnings()).isEmpty();
    }

    @Test
    void refusesAnExactSizeOfAnotherShapeBeforeSendingAnything() {
        InvalidRequestException thrown = thrown(WM, InvalidRequestException.class,
                ImageRequest.builder("a fox").size(ImageSize.of(1344, 768)).build());

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("size.ratio_one_of");
        assertThat(thrown.reason()).isEqualTo("Invalid request for model stable-image-core: size 1344x768 is not "
                + "accepted by model stable-image-core, which takes aspect ratios, not exact sizes; use one of auto, "
                + "21:9, 16:9, 3:2, 5:4, 1:1, 4:5, 2:3, 9:16, 9:21");
        assertThat(sent(WM)).isEmpty();
    }

    @Test
    void mapsAnotherShapeToTheNearestRatioWithAWarningInLenientMode() {
        ImageResponse response;
        try (ImageGenerator generator = ImageGenerator.builder(new StabilityImageProvider())
                .config(Fixtures.config(WM)).lenient(true).build()) {
            response = generator.generate(ImageRequest.builder("a fox").size(ImageSize.of(1344, 768)).build());
        }

        assertThat(fields(only())).containsEntry("aspect_ratio", "16:9");
        assertThat(response.warnings()).extracting(Warning::code).containsExactly("size.mapped");
        assertThat(response.warnings().get(0).reason()).isEqualTo("size 1344x768 is not one of the aspect ratios "
                + "model stable-image-core takes; sent as 16:9");
    }

    @Test
    void sendsAnUnlistedSd3ModelToSd3AsItIsWithAWarning() {
        ImageResponse response;
        try (ImageGenerator generator = generator(WM)) {
            response = generator.generate(ImageRequest.builder("a fox").model("sd3.5-flash").build());
        }

        LoggedRequest request = only();
        assertThat(request.getUrl()).isEqualTo("/v2beta/stable-image/generate/sd3");
        assertThat(fields(request)).containsExactly(entry("prompt", "a fox"), entry("model", "sd3.5-flash"));
        assertThat(response.warnings()).extracting(Warning::code).containsExactly("model.unknown");
    }

    @Test
    void refusesAModelWithoutAnEndpointBeforeSendingAnything() {
        InvalidRequestException thrown = thrown(WM, InvalidRequestException.class,
                ImageRequest.builder("a fox").model("dall-e-3").build());

        assertThat(thrown.reason()).isEqualTo("Invalid request for model dall-e-3: model dall-e-3 has no Stability "
                + "endpoint; use one of stable-image-core, stable-image-ultra, sd3.5-large, sd3.5-large-turbo, "
                + "sd3.5-medium, or another sd3 model value such as sd3.5-flash");
        assertThat(sent(WM)).isEmpty();
    }

    @Test
    void refusesAReferenceImageWithoutStrengthBeforeSendingAnything() {
        InvalidRequestException thrown = thrown(WM, InvalidRequestException.class,
                ImageRequest.builder("a fox").model("sd3.5-large").image(INPUT).size(ImageSize.ratio(16, 9)).build());

        assertThat(thrown.violations()).extracting(Violation::rule)
                .containsExactly("extras.required", "size.requires_text_to_image");
        assertThat(thrown.reason()).isEqualTo("Invalid request for model sd3.5-large: extras.stability.strength "
                + "(0 to 1) is required with a reference image on model sd3.5-large: 0 keeps the image, 1 ignores it; "
                + "size 16:9 is not taken with a reference image on model sd3.5-large, whose image-to-image output "
                + "follows the input's shape; leave size unset");
        assertThat(sent(WM)).isEmpty();
    }

    @Test
    void refusesStrengthWithoutAReferenceImageAndImagesOnCore() {
        InvalidRequestException strength = thrown(WM, InvalidRequestException.class,
                ImageRequest.builder("a fox").model("stable-image-ultra").extra("stability", "strength", 0.5).build());
        InvalidRequestException image = thrown(WM, InvalidRequestException.class,
                ImageRequest.builder("a fox").image(INPUT).build());

        assertThat(strength.violations()).extracting(Violation::rule).containsExactly("extras.requires_image");
        assertThat(image.violations()).extracting(Violation::field).contains("images");
        assertThat(sent(WM)).isEmpty();
    }
}
