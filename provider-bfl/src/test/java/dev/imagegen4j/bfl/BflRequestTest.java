package dev.imagegen4j.bfl;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageJob;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.bfl.api.BflModels;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a submit sends, per model: the path, the key, and exactly the body's fields. */
class BflRequestTest {
    @RegisterExtension
    static final WireMockExtension API = Fixtures.server();

    private static final InputImage IMAGE = InputImage.of(Fixtures.PNG);
    private static final String BASE64 = Base64.getEncoder().encodeToString(Fixtures.PNG);

    /** Submits {@code request} and returns what the API received. */
    private static LoggedRequest submitted(ImageRequest request) {
        Fixtures.acceptSubmit(API, request.model(), API);
        try (ImageGenerator generator = Fixtures.generator(API)) {
            ImageJob job = generator.submit(request);
            assertThat(job.model()).isEqualTo(request.model());
        }
        List<LoggedRequest> sent = Fixtures.sent(API);
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void fluxPro11SendsWidthHeightSeedFormatAndItsExtras() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_PRO_1_1)
                .size(ImageSize.of(1024, 768)).seed(7L).outputFormat(OutputFormat.PNG).image(IMAGE)
                .extra("bfl", "safety_tolerance", 4).extra("bfl", "prompt_upsampling", true).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-pro-1.1");
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getHeader("x-key")).isEqualTo(Fixtures.KEY);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\",\"width\":1024,\"height\":768,"
                + "\"seed\":7,\"output_format\":\"png\",\"image_prompt\":\"" + BASE64 + "\",\"safety_tolerance\":4,"
                + "\"prompt_upsampling\":true}"));
    }

    @Test
    void aRatioOnFluxPro11IsSentAsTheNearestWidthAndHeightInMultiplesOf32() {
        LoggedRequest sent = submitted(ImageRequest.builder("a wide fox").model(BflModels.FLUX_PRO_1_1)
                .size(ImageSize.ratio(16, 9)).build());

        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a wide fox\",\"width\":1376,"
                + "\"height\":768}"));
    }

    @Test
    void ultraSendsTheAspectRatioRawAndImagePromptStrength() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_PRO_1_1_ULTRA)
                .size(ImageSize.ratio(21, 9)).image(IMAGE).extra("bfl", "raw", true)
                .extra("bfl", "image_prompt_strength", 0.25).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-pro-1.1-ultra");
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\",\"aspect_ratio\":\"21:9\","
                + "\"image_prompt\":\"" + BASE64 + "\",\"raw\":true,\"image_prompt_strength\":0.25}"));
    }

    @Test
    void anExactSizeOnUltraIsSentAsTheRatioItIs() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_PRO_1_1_ULTRA)
                .size(ImageSize.of(1920, 1080)).build());

        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\",\"aspect_ratio\":\"16:9\"}"));
    }

    @Test
    void fluxDevSendsStepsAsAnIntegerAndGuidance() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_DEV)
                .size(ImageSize.of(768, 1024)).extra("bfl", "steps", 30.0).extra("bfl", "guidance", 3.5).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-dev");
        assertThat(sent.getBodyAsString()).contains("\"steps\":30,").doesNotContain("30.0");
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\",\"width\":768,\"height\":1024,"
                + "\"steps\":30,\"guidance\":3.5}"));
    }

    @Test
    void kontextSendsItsInputImagesNumberedFromTheSecond() {
        LoggedRequest sent = submitted(ImageRequest.builder("put the fox in a hat").model(BflModels.FLUX_KONTEXT_MAX)
                .images(List.of(IMAGE, IMAGE, IMAGE)).size(ImageSize.ratio(1, 1)).seed(3L).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-kontext-max");
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"put the fox in a hat\","
                + "\"aspect_ratio\":\"1:1\",\"seed\":3,\"input_image\":\"" + BASE64 + "\",\"input_image_2\":\"" + BASE64
                + "\",\"input_image_3\":\"" + BASE64 + "\"}"));
    }

    @Test
    void flux2SendsWidthHeightInMultiplesOf16AndSafetyTolerance() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_2_PRO)
                .size(ImageSize.of(1440, 816)).outputFormat(OutputFormat.WEBP).image(IMAGE)
                .extra("bfl", "safety_tolerance", 5).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-2-pro");
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\",\"width\":1440,\"height\":816,"
                + "\"output_format\":\"webp\",\"input_image\":\"" + BASE64 + "\",\"safety_tolerance\":5}"));
    }

    @Test
    void flux2FlexSendsPromptUpsamplingGuidanceAndSteps() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_2_FLEX)
                .extra("bfl", "prompt_upsampling", false).extra("bfl", "guidance", 7.5).extra("bfl", "steps", 20).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-2-flex");
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\",\"prompt_upsampling\":false,"
                + "\"guidance\":7.5,\"steps\":20}"));
    }

    @Test
    void kleinSendsOnlyWhatIsSet() {
        LoggedRequest sent = submitted(ImageRequest.builder("a fox").model(BflModels.FLUX_2_KLEIN_4B).build());

        assertThat(sent.getUrl()).isEqualTo("/v1/flux-2-klein-4b");
        assertThat(json(sent.getBodyAsString())).isEqualTo(json("{\"prompt\":\"a fox\"}"));
    }
}
