package dev.imagegen4j.bfl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.ValidationResult;
import dev.imagegen4j.Violation;
import dev.imagegen4j.bfl.api.BflModels;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each model's rules, checked before anything is sent: what is refused, and why. */
class BflModelsTest {
    private static final BflImageProvider PROVIDER = new BflImageProvider();

    private static ValidationResult check(ImageRequest request) {
        return PROVIDER.models().validate(request, "bfl", ValidationOptions.STRICT);
    }

    private static ImageRequest.Builder fox(String model) {
        return ImageRequest.builder("a fox").model(model);
    }

    @Test
    void everyModelRunsAsAJobOfOneImagePerTask() {
        assertThat(PROVIDER.models().models()).hasSize(12).allSatisfy(spec -> {
            assertThat(spec.jobs()).as(spec.id()).isTrue();
            assertThat(spec.maxImagesPerCall()).as(spec.id()).isEqualTo(1);
            assertThat(spec.supportsStreaming()).as(spec.id()).isFalse();
        });
        assertThat(PROVIDER.models().defaultModel()).isEqualTo("flux-2-pro");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "flux-pro-1.1, 1024x768, ",
            "flux-pro-1.1, 1440x1440, ",
            "flux-pro-1.1, 256x1440, ",
            "flux-pro-1.1, 1000x768, size.multiple_of",
            "flux-pro-1.1, 1472x768, size.max_edge",
            "flux-pro-1.1, 224x1024, size.min_edge",
            "flux-dev, 1024x224, size.min_edge",
            "flux-2-pro, 1440x816, ",
            "flux-2-pro, 2048x2048, ",
            "flux-2-pro, 64x1024, ",
            "flux-2-pro, 1000x1000, size.multiple_of",
            "flux-2-pro, 2048x2064, size.pixels",
            "flux-2-klein-4b, 48x1024, size.min_edge"})
    void sizesFollowEachFamilysRule(String model, String size, String rule) {
        ValidationResult result = check(fox(model).size(ImageSize.parse(size)).build());

        if (rule == null) {
            assertThat(result.errors()).isEmpty();
        } else {
            assertThat(result.errors()).extracting(Violation::rule).contains(rule);
        }
    }

    @Test
    void ultraAndKontextTakeRatiosFrom21by9To9by21() {
        for (String model : new String[] {BflModels.FLUX_PRO_1_1_ULTRA, BflModels.FLUX_KONTEXT_PRO}) {
            assertThat(check(fox(model).size(ImageSize.ratio(21, 9)).build()).errors()).as(model).isEmpty();
            assertThat(check(fox(model).size(ImageSize.ratio(9, 21)).build()).errors()).as(model).isEmpty();
            assertThat(check(fox(model).size(ImageSize.ratio(32, 9)).build()).errors()).as(model).isNotEmpty();
        }
    }

    @Test
    void safetyToleranceIs0To6OnFlux1And0To5OnFlux2() {
        assertThat(check(fox(BflModels.FLUX_PRO_1_1).extra("bfl", "safety_tolerance", 6).build()).errors()).isEmpty();
        assertThat(check(fox(BflModels.FLUX_2_PRO).extra("bfl", "safety_tolerance", 6).build()).errors())
                .extracting(Violation::message)
                .containsExactly("extras.bfl.safety_tolerance must be between 0 and 5 on model flux-2-pro but was 6");
    }

    @Test
    void aSettingAModelDoesNotTakeIsRefusedNamingIt() {
        ValidationResult upsampling = check(fox(BflModels.FLUX_2_PRO).extra("bfl", "prompt_upsampling", true).build());
        ValidationResult webhook = check(fox(BflModels.FLUX_PRO_1_1).extra("bfl", "webhook_url", "https://example.com/h")
                .build());
        ValidationResult negative = check(fox(BflModels.FLUX_PRO_1_1).negativePrompt("boats").build());

        assertThat(upsampling.errors()).extracting(Violation::field).containsExactly("extras.bfl.prompt_upsampling");
        assertThat(webhook.errors()).extracting(Violation::field).containsExactly("extras.bfl.webhook_url");
        assertThat(negative.errors()).extracting(Violation::field).containsExactly("negativePrompt");
    }

    @Test
    void imagePromptStrengthNeedsAnImage() {
        ValidationResult result = check(fox(BflModels.FLUX_PRO_1_1_ULTRA).extra("bfl", "image_prompt_strength", 0.5)
                .build());

        assertThat(result.errors()).extracting(Violation::rule).containsExactly("extras.requires_image");
    }

    @Test
    void inputImagesAreLimitedPerModel() {
        InputImage image = InputImage.of(Fixtures.PNG);

        assertThat(check(fox(BflModels.FLUX_KONTEXT_PRO).images(Collections.nCopies(4, image)).build()).errors()).isEmpty();
        assertThat(check(fox(BflModels.FLUX_KONTEXT_PRO).images(Collections.nCopies(5, image)).build()).errors())
                .isNotEmpty();
        assertThat(check(fox(BflModels.FLUX_2_MAX).images(Collections.nCopies(8, image)).build()).errors()).isEmpty();
        assertThat(check(fox(BflModels.FLUX_2_KLEIN_9B).images(Collections.nCopies(5, image)).build()).errors())
                .isNotEmpty();
        assertThat(check(fox(BflModels.FLUX_PRO_1_1).images(Collections.nCopies(2, image)).build()).errors())
                .isNotEmpty();
    }

    @Test
    void anUnlistedModelGetsFlux2sRulesWithAWarning() {
        ModelSpec spec = PROVIDER.models().specFor("flux-3-pro");
        ValidationResult result = check(fox("flux-3-pro").size(ImageSize.of(1024, 1024)).build());

        assertThat(spec.isKnown()).isFalse();
        assertThat(spec.jobs()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isNotEmpty();
    }
}
