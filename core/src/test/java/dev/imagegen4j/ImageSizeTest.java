package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.ImageSize.AspectRatio;
import dev.imagegen4j.ImageSize.Exact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSizeTest {
    private static final String FORMS = "size must be auto, WIDTHxHEIGHT such as 1536x1024, or an aspect ratio "
            + "W:H such as 16:9 (optionally with a tier, 16:9@2K), but was '";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1536x1024     | 1536 | 1024",
            "' 1024 X 1536 ' | 1024 | 1536",
            "2048 x 1152   | 2048 | 1152",
            "3840×2160     | 3840 | 2160",
            "16x16         | 16   | 16",
    })
    void parsesWidthByHeightIgnoringCaseAndBlanksAroundTheX(String text, int width, int height) {
        ImageSize size = ImageSize.parse(text);

        assertThat(size).isInstanceOf(Exact.class).isEqualTo(ImageSize.of(width, height));
        assertThat(size.isAuto()).isFalse();
        assertThat(((Exact) size).width()).isEqualTo(width);
        assertThat(((Exact) size).height()).isEqualTo(height);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "16:9        | 16 | 9  |     | 16:9",
            "' 21 : 9 '  | 21 | 9  |     | 21:9",
            "32:18       | 32 | 18 |     | 32:18",
            "16:9@2K     | 16 | 9  | 2K  | 16:9@2K",
            "1:1 @ 4k    | 1  | 1  | 4K  | 1:1@4K",
            "3:2@0.5k    | 3  | 2  | 0.5K | 3:2@0.5K",
    })
    void parsesAnAspectRatioWithAnOptionalTierInUpperCase(String text, int width, int height, String tier,
                                                         String canonical) {
        ImageSize size = ImageSize.parse(text);

        assertThat(size).isEqualTo(new AspectRatio(width, height, tier));
        assertThat(size.isAuto()).isFalse();
        assertThat(size.text()).isEqualTo(canonical);
        assertThat(size).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "AUTO", "Auto", "  auto\n"})
    void parsesAutoInAnyCase(String text) {
        ImageSize size = ImageSize.parse(text);

        assertThat(size).isSameAs(ImageSize.AUTO);
        assertThat(size.isAuto()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "15x", "x15", "abc", "1536*1024", "-5x10", "1536x1024x2", "1234567890x1",
            "16:", ":9", "16:9:2", "16:9@", "16:9@2K@4K", "16:9@ABCDEFGHI", "1234567:1", "16/9", "-16:9", "16:9 2K"})
    void refusesTextOfNoAcceptedFormNamingTheForms(String text) {
        assertThatThrownBy(() -> ImageSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(FORMS + text + "'");
    }

    @Test
    void refusesAParsedZeroDimensionNamingTheSize() {
        assertThatThrownBy(() -> ImageSize.parse("0x10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must have a positive width and height but was 0x10");
    }

    @Test
    void refusesAParsedZeroRatioTermNamingTheRatio() {
        assertThatThrownBy(() -> ImageSize.parse("0:9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an aspect ratio must have positive terms but was 0:9");
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "10, 0", "-1, 10", "10, -1"})
    void refusesNonPositiveDimensions(int width, int height) {
        assertThatThrownBy(() -> ImageSize.of(width, height))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must have a positive width and height but was " + width + "x" + height);
        assertThatThrownBy(() -> ImageSize.ratio(width, height))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an aspect ratio must have positive terms but was " + width + ":" + height);
    }

    @Test
    void refusesABlankTier() {
        assertThatThrownBy(() -> new AspectRatio(16, 9, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an aspect ratio's tier must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "1536x1024", "1x1", "999999999x999999999", "16:9", "32:18", "16:9@2K",
            "999999:1@ABCDEFGH"})
    void textParsesBackToTheSameSize(String text) {
        ImageSize size = ImageSize.parse(text);

        ImageSize again = ImageSize.parse(size.text());

        assertThat(again).isEqualTo(size);
        assertThat(size.text()).isEqualTo(text);
    }

    @Test
    void sizesWithTheSameDimensionsAreEqualAndHashAlike() {
        ImageSize built = ImageSize.of(1536, 1024);

        ImageSize parsed = ImageSize.parse("1536x1024");

        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(parsed).isNotEqualTo(ImageSize.of(1024, 1536));
        assertThat(parsed).isNotEqualTo(ImageSize.AUTO);
        assertThat(parsed).isNotEqualTo(ImageSize.ratio(3, 2));
        assertThat(ImageSize.AUTO).isEqualTo(ImageSize.parse("auto"));
    }

    @Test
    void ratiosKeepTheirTermsAndCompareShapesOnlyThroughSameShape() {
        AspectRatio unreduced = ImageSize.ratio(32, 18);
        AspectRatio reduced = ImageSize.ratio(16, 9);

        boolean sameShape = unreduced.sameShape(reduced);

        assertThat(sameShape).isTrue();
        assertThat(unreduced).isNotEqualTo(reduced);
        assertThat(reduced.sameShape(ImageSize.of(1920, 1080))).isTrue();
        assertThat(reduced.sameShape(ImageSize.of(1920, 1088))).isFalse();
        assertThat(reduced.inTier("2K").sameShape(reduced)).isTrue();
        assertThat(reduced.sameShape(ImageSize.ratio(9, 16))).isFalse();
    }

    @Test
    void inTierUpperCasesTheTierAndNullRemovesIt() {
        AspectRatio ratio = ImageSize.ratio(16, 9);

        AspectRatio tiered = ratio.inTier("2k");

        assertThat(tiered).isEqualTo(new AspectRatio(16, 9, "2K"));
        assertThat(tiered.text()).isEqualTo("16:9@2K");
        assertThat(tiered.ratioText()).isEqualTo("16:9");
        assertThat(tiered.inTier(null)).isEqualTo(ratio);
        assertThat(ratio.value()).isEqualTo(16.0 / 9);
    }

    @Test
    void anExactSizeKnowsItsShapeInLowestTerms() {
        Exact size = ImageSize.of(1920, 1080);

        AspectRatio shape = size.aspectRatio();

        assertThat(shape).isEqualTo(ImageSize.ratio(16, 9));
        assertThat(ImageSize.of(1024, 1024).aspectRatio()).isEqualTo(ImageSize.ratio(1, 1));
        assertThat(ImageSize.of(7, 3).aspectRatio()).isEqualTo(ImageSize.ratio(7, 3));
    }

    @Test
    void textAndToStringSpellTheSizeAsParseReadsIt() {
        ImageSize size = ImageSize.parse(" 1024 X 1536 ");

        String text = size.text();

        assertThat(text).isEqualTo("1024x1536");
        assertThat(size).hasToString("1024x1536");
        assertThat(ImageSize.AUTO.text()).isEqualTo("auto");
        assertThat(ImageSize.AUTO).hasToString("auto");
    }

    @Test
    void pixelsIsWidthTimesHeightWithoutOverflow() {
        Exact size = ImageSize.of(100_000, 100_000);

        long pixels = size.pixels();

        assertThat(pixels).isEqualTo(10_000_000_000L);
    }
}
