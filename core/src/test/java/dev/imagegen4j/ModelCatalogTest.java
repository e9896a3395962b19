package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {
    private static ModelSpec spec(String id) {
        return ModelSpec.builder(id).known(true).build();
    }

    private static final ModelCatalog CATALOG = ModelCatalog.of("a", List.of(
            spec("a").toBuilder().qualities(Quality.LOW).count(IntRange.of(1, 4)).build(), spec("b")));

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
        List<ModelSpec> models = CATALOG.models();

        assertThatThrownBy(() -> models.add(spec("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void findGivesOnlyListedSpecs() {
        assertThat(CATALOG.find("b")).containsSame(CATALOG.models().get(1));
        assertThat(CATALOG.find("z")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void specForAListedIdIsTheListedSpec(String id) {
        ModelSpec spec = CATALOG.specFor(id);

        assertThat(spec).isSameAs(CATALOG.find(id).orElseThrow());
    }

    @Test
    void specForNullIsTheDefaultModel() {
        ModelSpec spec = CATALOG.specFor(null);

        assertThat(spec).isSameAs(CATALOG.find("a").orElseThrow());
    }

    @Test
    void specForAnUnlistedIdHasTheDefaultModelsRulesUnderItsOwnIdAndIsNotKnown() {
        ModelSpec spec = CATALOG.specFor("solid-1-plus");

        assertThat(spec.id()).isEqualTo("solid-1-plus");
        assertThat(spec.isKnown()).isFalse();
        assertThat(spec.qualities()).containsExactly(Quality.LOW);
        assertThat(spec.count()).isEqualTo(IntRange.of(1, 4));
    }

    @Test
    void anUnlistedIdGetsTheSpecOfTheCatalogsOwnRule() {
        ModelCatalog catalog = ModelCatalog.of("a", List.of(spec("a")),
                id -> ModelSpec.builder(id).known(id.startsWith("a-")).build());

        assertThat(catalog.specFor("a-2").isKnown()).isTrue();
        assertThat(catalog.specFor("b").isKnown()).isFalse();
        assertThat(catalog.specFor("a")).isSameAs(catalog.models().get(0));
    }

    @Test
    void aThirdPartyCatalogKnowsNoPlusRule() {
        ModelCatalog catalog = ModelCatalog.of("solid-1", List.of(spec("solid-1")));

        ValidationResult result = catalog.validate(ImageRequest.builder("a cat").model("solid-1-plus").build(), "p",
                ValidationOptions.STRICT);

        assertThat(result.warnings()).extracting(Warning::code).containsExactly("model.unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void specForABlankIdIsAnInvalidRequest(String id) {
        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> CATALOG.specFor(id));

        assertThat(thrown.violations()).containsExactly(new Violation("model", "model.blank", id,
                "model must not be blank; leave it unset for the default, a"));
        assertThat(thrown.getMessage()).isEqualTo("Invalid request: model must not be blank; leave it unset for "
                + "the default, a");
    }

    @Test
    void validateChecksAgainstTheSpecOfTheRequestedModel() {
        ImageRequest request = ImageRequest.builder("a cat").model("b").quality(Quality.LOW).build();

        ValidationResult result = CATALOG.validate(request, "p", ValidationOptions.STRICT);

        assertThat(result.modelId()).isEqualTo("b");
        assertThat(result.errors()).extracting(Violation::rule).containsExactly("quality.not_supported");
    }
}
