package dev.imagegen4j.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.Quality;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.ValidationResult;
import dev.imagegen4j.Violation;
import dev.imagegen4j.openai.testing.WireBodies;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local rules of the families besides gpt-image, and of gpt-image edits, on both sides of each boundary. */
class ModelFamiliesTest {
    private static final ModelCatalog CATALOG = GptImageModels.catalog();
    private static final String FLUX = "flux-kontext-pro";
    private static final String SEEDREAM = "doubao-seedream-3-0-t2i-250415";
    private static final String GEMINI = "gemini-2.5-flash-image";

    private static List<String> errors(String model, UnaryOperator<ImageRequest.Builder> setUp) {
        ValidationResult result = CATALOG.validate(setUp.apply(ImageRequest.builder("a cat").model(model)).build(),
                "gptproto", ValidationOptions.STRICT);
        return result.errors().stream().map(Violation::rule).toList();
    }

    private static List<String> codes(@Nullable String cell) {
        return cell == null ? List.of() : List.of(cell.trim());
    }

    static InputImage png(int width, int height, boolean alpha) {
        return InputImage.of(WireBodies.png(width, height, alpha));
    }

    // ---- flux-kontext-pro ----

    @ParameterizedTest
    @CsvSource({"16:9, ", "4:3, ", "3:2, ", "1:1, ", "2:3, ", "3:4, ", "9:16, ", "auto, ", "21:9, size.ratio_one_of",
            "4:5, size.ratio_one_of", "1024x1024, ", "1536x1024, ", "1500x1000, ", "1000x1024, size.ratio_one_of"})
    void fluxTakesItsSevenAspectRatios(String size, @Nullable String rule) {
        assertThat(errors(FLUX, b -> b.size(ImageSize.parse(size)))).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void fluxMakesAtMostFourImagesPerCallAndTakesNoGptImageSetting() {
        assertThat(CATALOG.specFor(FLUX).maxImagesPerCall()).isEqualTo(4);
        assertThat(errors(FLUX, b -> b.count(10))).isEmpty();
        assertThat(errors(FLUX, b -> b.count(11))).containsExactly("count.range");
        assertThat(errors(FLUX, b -> b.quality(Quality.HIGH))).hasSize(1);
        assertThat(errors(FLUX, b -> b.seed(1L))).hasSize(1);
        assertThat(errors(FLUX, b -> b.image(png(8, 8, false)))).containsExactly("images.not_supported");
        assertThat(GptImageModels.URL_RESULTS).contains(FLUX);
    }

    // ---- Seedream ----

    @ParameterizedTest
    @CsvSource({"0, ", "2147483647, ", "-1, seed.range", "2147483648, seed.range"})
    void seedreamTakesASeedOfZeroToTwoToTheThirtyFirstMinusOne(long seed, @Nullable String rule) {
        assertThat(errors(SEEDREAM, b -> b.seed(seed))).containsExactlyElementsOf(codes(rule));
    }

    @ParameterizedTest
    @CsvSource({"1.0, ", "10.0, ", "5.5, ", "0.99, extras.invalid", "10.01, extras.invalid"})
    void seedreamTakesAGuidanceScaleOfOneToTen(double scale, @Nullable String rule) {
        assertThat(errors(SEEDREAM, b -> b.extra("gptproto", "guidance_scale", scale)))
                .containsExactlyElementsOf(codes(rule));
    }

    @Test
    void seedreamTakesAWatermarkFlagAndNoOtherExtra() {
        assertThat(errors(SEEDREAM, b -> b.extra("gptproto", "watermark", false))).isEmpty();
        assertThat(errors(SEEDREAM, b -> b.extra("gptproto", "watermark", "yes"))).containsExactly("extras.invalid");
        assertThat(errors(SEEDREAM, b -> b.extra("gptproto", "steps", 20))).containsExactly("extras.not_supported");
        assertThat(CATALOG.specFor(SEEDREAM).maxImagesPerCall()).isEqualTo(1);
        assertThat(GptImageModels.URL_RESULTS).contains(SEEDREAM);
    }

    @ParameterizedTest
    @CsvSource({"512x512, ", "1024x1024, ", "2048x2048, ", "511x512, size.pixels", "2049x1024, size.max_edge"})
    void seedreamTakesExactSizesWithinItsArea(String size, @Nullable String rule) {
        assertThat(errors(SEEDREAM, b -> b.size(ImageSize.parse(size)))).containsExactlyElementsOf(codes(rule));
    }

    // ---- Gemini ----

    @ParameterizedTest
    @CsvSource({"1:1, ", "3:2, ", "2:3, ", "3:4, ", "4:3, ", "4:5, ", "5:4, ", "9:16, ", "16:9, ", "21:9, ",
            "9:21, size.ratio_one_of", "7:3, ", "1920x1080, ", "1344x768, size.ratio_one_of"})
    void geminiTakesItsTenAspectRatios(String size, @Nullable String rule) {
        assertThat(errors(GEMINI, b -> b.size(ImageSize.parse(size)))).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void geminiMakesOneImagePerCallAnswersInBase64() {
        assertThat(CATALOG.specFor(GEMINI).maxImagesPerCall()).isEqualTo(1);
        assertThat(GptImageModels.URL_RESULTS).doesNotContain(GEMINI);
    }

    // ---- gpt-image edits ----

    @ParameterizedTest
    @CsvSource({"1, ", "16, ", "17, images.count"})
    void gptImageModelsEditWithUpToSixteenImages(int count, @Nullable String rule) {
        List<InputImage> images = Collections.nCopies(count, png(4, 4, false));
        for (String model : List.of("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2")) {
            assertThat(errors(model, b -> b.images(images))).as(model).containsExactlyElementsOf(codes(rule));
        }
    }

    @Test
    void aMaskMustHaveTheFirstImagesSizeAndAnAlphaChannel() {
        InputImage image = png(8, 6, false);

        assertThat(errors("gpt-image-1", b -> b.image(image).mask(png(8, 6, true)))).isEmpty();
        assertThat(errors("gpt-image-1", b -> b.image(image).mask(png(8, 7, true)))).containsExactly("mask.size_mismatch");
        assertThat(errors("gpt-image-1", b -> b.image(image).mask(png(8, 6, false)))).containsExactly("mask.no_alpha");
        assertThat(errors("gpt-image-1", b -> b.mask(png(8, 6, true)))).containsExactly("mask.requires_image");
    }

    @ParameterizedTest
    @CsvSource({"gpt-image-1, high, ", "gpt-image-1, low, ", "gpt-image-1, medium, extras.invalid",
            "gpt-image-1.5, high, ", "gpt-image-1-mini, high, extras.not_supported",
            "gpt-image-2, high, extras.not_supported"})
    void inputFidelityIsHighOrLowOnGptImage1AndGptImage15Only(String model, String value, @Nullable String rule) {
        assertThat(errors(model, b -> b.image(png(4, 4, false)).extra("gptproto", "input_fidelity", value)))
                .containsExactlyElementsOf(codes(rule));
    }
}
