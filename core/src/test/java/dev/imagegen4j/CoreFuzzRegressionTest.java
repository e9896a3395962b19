package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The crashes {@link CoreFuzzTest} found, pinned as examples. */
class CoreFuzzRegressionTest {

    /** Found by validationReportsEveryRequestAndNeverThrows: a blank model threw IllegalArgumentException. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void aBlankModelIsAViolationNotACrash(String model) {
        ImageRequest request = ImageRequest.builder("a fox").model(model).build();

        ValidationResult result = ModelCatalog.gptImage().validate(request);
        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> ModelCatalog.gptImage().specFor(model));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("model", "model.blank"));
        assertThat(result.errors().get(0).message())
                .isEqualTo("model must not be blank; leave it unset for the default, gpt-image-1");
        assertThat(thrown.violations()).isEqualTo(result.errors());
    }

    /** The same through a batch line, whose fields parse but whose model is blank. */
    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankModelFromTheWireIsReportedByValidation(String model) {
        ImageRequest request = ImageRequest.fromWireFields(java.util.Map.of("prompt", "a fox", "model", model));

        List<Violation> errors = ModelCatalog.gptImage().validate(request).errors();

        assertThat(errors).extracting(Violation::rule).containsExactly("model.blank");
    }
}
