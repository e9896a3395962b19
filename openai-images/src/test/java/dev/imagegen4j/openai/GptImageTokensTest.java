package dev.imagegen4j.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.Quality;
import dev.imagegen4j.TokenEstimate;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.openai.testing.WireBodies;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The output tokens of the GPT image models against the vendor's published figures. */
class GptImageTokensTest {

    private static TokenEstimate estimate(ImageRequest request) {
        ImageRequest resolved = GptImageModels.catalog().validate(request, "openai", new ValidationOptions(false,
                request.partialImages() != null)).requireValid("openai");
        ModelSpec spec = GptImageModels.catalog().specFor(resolved.model());
        return spec.tokenRule().estimate(resolved, spec);
    }

    /**
     * OpenAI's table (image generation guide, "Cost and latency") for gpt-image-1 and its siblings. The
     * landscape row differs from the portrait one in the vendor's table (400 / 1568 / 6208, not 408 / 1584 /
     * 6240); docs/cost.md says where.
     */
    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
            "gpt-image-1, 1024x1024, low, 272", "gpt-image-1, 1024x1024, medium, 1056", "gpt-image-1, 1024x1024, high, 4160",
            "gpt-image-1, 1024x1536, low, 408", "gpt-image-1, 1024x1536, medium, 1584", "gpt-image-1, 1024x1536, high, 6240",
            "gpt-image-1, 1536x1024, low, 400", "gpt-image-1, 1536x1024, medium, 1568", "gpt-image-1, 1536x1024, high, 6208",
            "gpt-image-1-mini, 1024x1024, low, 272", "gpt-image-1-mini, 1024x1024, medium, 1056",
            "gpt-image-1-mini, 1024x1024, high, 4160", "gpt-image-1-mini, 1024x1536, low, 408",
            "gpt-image-1-mini, 1024x1536, medium, 1584", "gpt-image-1-mini, 1024x1536, high, 6240",
            "gpt-image-1-mini, 1536x1024, low, 400", "gpt-image-1-mini, 1536x1024, medium, 1568",
            "gpt-image-1-mini, 1536x1024, high, 6208",
            "gpt-image-1.5, 1024x1024, low, 272", "gpt-image-1.5, 1024x1024, medium, 1056",
            "gpt-image-1.5, 1024x1024, high, 4160", "gpt-image-1.5, 1024x1536, low, 408",
            "gpt-image-1.5, 1024x1536, medium, 1584", "gpt-image-1.5, 1024x1536, high, 6240",
            "gpt-image-1.5, 1536x1024, low, 400", "gpt-image-1.5, 1536x1024, medium, 1568",
            "gpt-image-1.5, 1536x1024, high, 6208",
            // gpt-image-2: the guide's examples, and those its calculator gives (community.openai.com/t/1379464)
            "gpt-image-2, 1024x1024, low, 196", "gpt-image-2, 1024x1024, medium, 1756", "gpt-image-2, 1024x1024, high, 7024",
            "gpt-image-2, 1536x1024, high, 5488", "gpt-image-2, 1792x1024, high, 5063", "gpt-image-2, 3584x2048, high, 12329"})
    void outputTokensAreThePublishedFigures(String model, String size, String quality, long tokens) {
        TokenEstimate estimate = estimate(ImageRequest.builder("a").model(model).size(ImageSize.parse(size))
                .quality(Quality.parse(quality)).build());

        assertThat(estimate.imageOutputTokens()).isEqualTo(tokens);
        assertThat(estimate.textInputTokens()).isEqualTo(1);
        assertThat(estimate.imageInputTokens()).isZero();
    }

    @Test
    void eachPartialImageAdds100OutputTokensAndEverythingCountsNTimes() {
        TokenEstimate estimate = estimate(ImageRequest.builder("a cat on a mat").model("gpt-image-2")
                .size(ImageSize.of(1024, 1024)).quality(Quality.LOW).partialImages(2).count(3).build());

        assertThat(estimate.imageOutputTokens()).isEqualTo(3 * (196 + 200));
        assertThat(estimate.textInputTokens()).isEqualTo(3 * 4);
    }

    @Test
    void autoQualityAndSizeAreEstimatedAtTheirMostExpensiveAndSaySo() {
        TokenEstimate first = estimate(ImageRequest.builder("a").model("gpt-image-1").build());
        TokenEstimate second = estimate(ImageRequest.builder("a").model("gpt-image-2").quality(Quality.AUTO)
                .size(ImageSize.parse("auto")).build());

        assertThat(first.imageOutputTokens()).isEqualTo(6240);
        assertThat(first.notes()).contains("quality unset (auto) estimated as high, the most expensive",
                "size unset (auto) estimated as 1024x1536, the most expensive of 1024x1024, 1024x1536, 1536x1024");
        assertThat(second.imageOutputTokens()).isEqualTo(7024);
        assertThat(second.notes()).contains("quality auto estimated as high, the most expensive",
                "size auto estimated as 1024x1024, the most expensive of 1024x1024, 1024x1536, 1536x1024");
    }

    @Test
    void aPlusModelTakesNoQualityAndIsEstimatedAsHigh() {
        TokenEstimate estimate = estimate(ImageRequest.builder("a").model("gpt-image-2-plus")
                .size(ImageSize.of(1536, 1024)).build());

        assertThat(estimate.imageOutputTokens()).isEqualTo(5488);
        assertThat(estimate.notes()).contains("model gpt-image-2-plus takes no quality: estimated as high, the most expensive");
    }

    @Test
    void promptTokensApproximateTheTokenizerAndSaySo() {
        assertThat(GptImageTokens.textTokens("a cat")).isEqualTo(2);
        assertThat(GptImageTokens.textTokens("abcdefgh")).isEqualTo(2);
        assertThat(GptImageTokens.textTokens("灯台")).isEqualTo(2);
        assertThat(estimate(ImageRequest.builder("a").model("gpt-image-2").build()).notes())
                .contains("prompt tokens approximated (4 ASCII characters or 1 other character per token)");
    }

    @Test
    void referenceImagesOfAnEditAddImageInputTokensByTheFamilysRule() {
        InputImage square = InputImage.of(WireBodies.png(1024, 1025, false));
        InputImage wide = InputImage.of(WireBodies.png(2000, 500, false));

        TokenEstimate first = estimate(ImageRequest.builder("a").model("gpt-image-1").image(square).image(wide).count(2).build());
        TokenEstimate second = estimate(ImageRequest.builder("a").model("gpt-image-2").image(square).build());

        // one 512 px tile (the 194 tokens observed for 1024x1025), and 2000x500 scaled to 2048x512: four tiles
        assertThat(first.imageInputTokens()).isEqualTo(2 * (194 + 65 + 4 * 129));
        assertThat(first.notes()).contains("reference image tokens approximated by the rule observed for the family; "
                + "the vendor publishes none");
        // 1024x1025 in 32 px patches: 32 x 33, within the 1,536 budget
        assertThat(second.imageInputTokens()).isEqualTo(32 * 33);
    }

    @Test
    void theOtherFamiliesAreBilledPerImageAndDeclareNoTokenRule() {
        for (String model : List.of("flux-kontext-pro", "doubao-seedream-3-0-t2i-250415", "gemini-2.5-flash-image",
                "some-new-model")) {
            assertThat(GptImageModels.catalog().specFor(model).tokenRule()).as(model).isNull();
        }
    }
}
