package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtraSettingTest {
    private static final ExtraSetting STEPS = ExtraSetting.integer("steps", 1, 50, "denoising steps");
    private static final ExtraSetting GUIDANCE = ExtraSetting.number("guidance_scale", 1, 7.5, "prompt strength");
    private static final ExtraSetting WATERMARK = ExtraSetting.bool("watermark", "mark the image");
    private static final ExtraSetting STYLE = ExtraSetting.oneOf("style_preset", "the look", "anime", "photographic");
    private static final ExtraSetting NOTE = ExtraSetting.string("note", "free text");

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(STEPS, 1, null),
                Arguments.of(STEPS, 50L, null),
                Arguments.of(STEPS, 20.0, null),
                Arguments.of(STEPS, new BigDecimal("30"), null),
                Arguments.of(STEPS, 0, "must be between 1 and 50"),
                Arguments.of(STEPS, 51, "must be between 1 and 50"),
                Arguments.of(STEPS, 2.5, "must be a whole number between 1 and 50"),
                Arguments.of(STEPS, Double.NaN, "must be a whole number between 1 and 50"),
                Arguments.of(STEPS, "20", "must be a whole number between 1 and 50"),
                Arguments.of(GUIDANCE, 1, null),
                Arguments.of(GUIDANCE, 7.5, null),
                Arguments.of(GUIDANCE, 0.99, "must be between 1 and 7.5"),
                Arguments.of(GUIDANCE, 7.51, "must be between 1 and 7.5"),
                Arguments.of(GUIDANCE, Double.POSITIVE_INFINITY, "must be a number between 1 and 7.5"),
                Arguments.of(GUIDANCE, true, "must be a number between 1 and 7.5"),
                Arguments.of(WATERMARK, false, null),
                Arguments.of(WATERMARK, "true", "must be true or false"),
                Arguments.of(STYLE, "anime", null),
                Arguments.of(STYLE, "Anime", "must be one of anime, photographic"),
                Arguments.of(STYLE, 1, "must be one of anime, photographic"),
                Arguments.of(NOTE, "", null),
                Arguments.of(NOTE, 5, "must be a string"));
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @MethodSource("values")
    void aValueIsCheckedAgainstTheTypeAndRange(ExtraSetting setting, Object value, @Nullable String problem) {
        assertThat(setting.problem(value)).isEqualTo(problem);
    }

    @Test
    void theFactoriesDeclareTheTypeAndBounds() {
        assertThat(STEPS).isEqualTo(new ExtraSetting("steps", ExtraSetting.Type.INTEGER, 1.0, 50.0, List.of(),
                "denoising steps"));
        assertThat(STYLE.values()).containsExactly("anime", "photographic");
        assertThat(WATERMARK.min()).isNull();
        assertThat(NOTE.type()).isEqualTo(ExtraSetting.Type.STRING);
    }

    @Test
    void aNumberWithOnlyOneBoundNamesTheOtherAsAny() {
        ExtraSetting atLeastOne = new ExtraSetting("strength", ExtraSetting.Type.NUMBER, 1.0, null, List.of(), "s");

        assertThat(atLeastOne.problem(0)).isEqualTo("must be between 1 and any");
        assertThat(atLeastOne.problem(1e9)).isNull();
    }

    @Test
    void valuesAreListedExactlyForOneOfSettings() {
        assertThatThrownBy(() -> new ExtraSetting("style", ExtraSetting.Type.ONE_OF, null, null, List.of(), "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra style: values are listed exactly for ONE_OF settings");
        assertThatThrownBy(() -> new ExtraSetting("note", ExtraSetting.Type.STRING, null, null, List.of("a"), "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra note: values are listed exactly for ONE_OF settings");
    }
}
