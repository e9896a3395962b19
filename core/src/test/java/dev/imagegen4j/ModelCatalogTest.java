package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {
    private static final ModelCatalog GPT_IMAGE = ModelCatalog.gptImage();

    private static ModelSpec spec(String id) {
        return ModelSpec.builder(id).known(true).build();
    }

    @Test
    void ofKeepsTheModelsInTheGivenOrder() {
        List<ModelSpec> specs = List.of(spec("b"), spec("a"), spec("c"));

        ModelCatalog catalog = ModelCatalog.of("a", specs);

        assertThat(catalog.models()).containsExactlyElementsOf(specs);
        assertThat(catalog.defaultModel()).isEqualTo("a");
        assertThat(catalog).hasToString("ModelCatalog[default a, [b, a, c]]");
    }

    @Test
    void ofRefusesTwoSpecsWithTheSameId() {
        List<ModelSpec> specs = List.of(spec("a"), spec("b"), spec("a"));

        assertThatThrownBy(() -> ModelCatalog.of("a", specs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'a' is listed twice");
    }

    @Test
    void ofRefusesADefaultModelThatIsNotListed() {
        List<ModelSpec> specs = List.of(spec("a"), spec("b"));

        assertThatThrownBy(() -> ModelCatalog.of("c", specs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default model 'c' is not among [a, b]");
    }

    @Test
    void modelsCannotBeChangedThroughTheList() {
        List<ModelSpec> models = GPT_IMAGE.models();

        assertThatThrownBy(() -> models.add(spec("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void gptImageListsTheFourVendorModelsWithGptImage1AsDefault() {
        ModelCatalog catalog = ModelCatalog.gptImage();

        assertThat(catalog.models()).extracting(ModelSpec::id)
                .containsExactly("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2");
        assertThat(catalog.models()).allMatch(ModelSpec::isKnown);
        assertThat(catalog.defaultModel()).isEqualTo("gpt-image-1");
    }

    @Test
    void findGivesOnlyListedSpecs() {
        assertThat(GPT_IMAGE.find("gpt-image-2")).containsSame(GPT_IMAGE.models().get(3));
        assertThat(GPT_IMAGE.find("gpt-image-2-plus")).isEmpty();
        assertThat(GPT_IMAGE.find("dall-e-9")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"})
    void specForAListedIdIsTheListedSpec(String id) {
        ModelSpec spec = GPT_IMAGE.specFor(id);

        assertThat(spec).isSameAs(GPT_IMAGE.find(id).orElseThrow());
    }

    @Test
    void specForNullIsTheDefaultModel() {
        ModelSpec spec = GPT_IMAGE.specFor(null);

        assertThat(spec).isSameAs(GPT_IMAGE.find("gpt-image-1").orElseThrow());
    }

    @Test
    void specForAnUnlistedIdHasTheGenericRulesAndIsNotKnown() {
        ModelSpec spec = GPT_IMAGE.specFor("dall-e-9");

        assertThat(spec.id()).isEqualTo("dall-e-9");
        assertThat(spec.isKnown()).isFalse();
        assertThat(spec.sizes()).isEqualTo(SizeRule.any());
        assertThat(spec.qualities()).containsExactly(Quality.values());
        assertThat(spec.backgrounds()).containsExactly(Background.values());
        assertThat(spec.count()).isEqualTo(IntRange.of(1, 10));
    }

    @Test
    void plusVariantOfAListedModelIsKnownWithTheBaseRulesButNoQualities() {
        ModelSpec base = GPT_IMAGE.specFor("gpt-image-2");

        ModelSpec plus = GPT_IMAGE.specFor("gpt-image-2-plus");

        assertThat(plus.id()).isEqualTo("gpt-image-2-plus");
        assertThat(plus.isKnown()).isTrue();
        assertThat(plus.qualities()).isEmpty();
        assertThat(plus.sizes()).isEqualTo(base.sizes());
        assertThat(plus.backgrounds()).isEqualTo(base.backgrounds());
        assertThat(plus.formats()).isEqualTo(base.formats());
        assertThat(plus.count()).isEqualTo(base.count());
        assertThat(plus.maxPromptLength()).isEqualTo(base.maxPromptLength());
        assertThat(base.qualities()).containsExactly(Quality.AUTO, Quality.LOW, Quality.MEDIUM, Quality.HIGH);
    }

    @Test
    void plusVariantOfGptImage1KeepsItsFixedSizesAndTransparency() {
        ModelSpec plus = GPT_IMAGE.specFor("gpt-image-1-plus");

        assertThat(plus.isKnown()).isTrue();
        assertThat(plus.qualities()).isEmpty();
        assertThat(plus.sizes()).isEqualTo(SizeRule.fixed(
                ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536)));
        assertThat(plus.backgrounds()).contains(Background.TRANSPARENT);
    }

    @Test
    void plusVariantOfAnUnlistedModelIsNotKnownAndHasNoQualities() {
        ModelSpec plus = GPT_IMAGE.specFor("dall-e-9-plus");

        assertThat(plus.id()).isEqualTo("dall-e-9-plus");
        assertThat(plus.isKnown()).isFalse();
        assertThat(plus.qualities()).isEmpty();
        assertThat(plus.sizes()).isEqualTo(SizeRule.any());
    }

    @Test
    void validateChecksAgainstTheSpecOfTheRequestedModel() {
        ImageRequest request = ImageRequest.builder("a cat").model("gpt-image-2-plus").quality(Quality.LOW).build();

        ValidationResult result = GPT_IMAGE.validate(request);

        assertThat(result.modelId()).isEqualTo("gpt-image-2-plus");
        assertThat(result.violations()).extracting(Violation::rule).containsExactly("quality.not_accepted");
    }
}
