package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The crashes {@link CoreFuzzTest} found, pinned as examples. */
class CoreFuzzRegressionTest {
    private static final ModelCatalog CATALOG = ModelCatalog.of("default-model",
            List.of(ModelSpec.builder("default-model").known(true).build()));

    /** Found by validationReportsEveryRequestAndNeverThrows: a blank model threw IllegalArgumentException. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void aBlankModelIsAViolationNotACrash(String model) {
        ImageRequest request = ImageRequest.builder("a fox").model(model).build();

        ValidationResult result = CATALOG.validate(request, "p", ValidationOptions.STRICT);
        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> CATALOG.specFor(model));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("model", "model.blank"));
        assertThat(result.errors().get(0).message())
                .isEqualTo("model must not be blank; leave it unset for the default, default-model");
        assertThat(thrown.violations()).isEqualTo(result.errors());
    }
}
