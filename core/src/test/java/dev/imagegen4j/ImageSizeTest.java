package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSizeTest {

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

        assertThat(size.isAuto()).isFalse();
        assertThat(size.width()).isEqualTo(width);
        assertThat(size.height()).isEqualTo(height);
        assertThat(size).isEqualTo(ImageSize.of(width, height));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "AUTO", "Auto", "  auto\n"})
    void parsesAutoInAnyCase(String text) {
        ImageSize size = ImageSize.parse(text);

        assertThat(size).isSameAs(ImageSize.AUTO);
        assertThat(size.isAuto()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "15x", "x15", "abc", "1536*1024", "-5x10", "1536x1024x2", "1234567890x1"})
    void refusesTextThatIsNeitherAutoNorWidthByHeightNamingTheExpectedForm(String text) {
        assertThatThrownBy(() -> ImageSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be 'auto' or WIDTHxHEIGHT such as 1536x1024 but was '" + text + "'");
    }

    @Test
    void refusesAParsedZeroDimensionNamingTheSize() {
        assertThatThrownBy(() -> ImageSize.parse("0x10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must have a positive width and height but was 0x10");
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "10, 0", "-1, 10", "10, -1"})
    void refusesNonPositiveDimensions(int width, int height) {
        assertThatThrownBy(() -> ImageSize.of(width, height))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must have a positive width and height but was " + width + "x" + height);
    }

    @Test
    void sizesWithTheSameDimensionsAreEqualAndHashAlike() {
        ImageSize built = ImageSize.of(1536, 1024);

        ImageSize parsed = ImageSize.parse("1536x1024");

        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(parsed).isNotEqualTo(ImageSize.of(1024, 1536));
        assertThat(parsed).isNotEqualTo(ImageSize.AUTO);
        assertThat(ImageSize.AUTO).isEqualTo(ImageSize.parse("auto"));
    }

    @Test
    void wireNameAndToStringSpellTheSizeAsTheWireDoes() {
        ImageSize size = ImageSize.parse(" 1024 X 1536 ");

        String wireName = size.wireName();

        assertThat(wireName).isEqualTo("1024x1536");
        assertThat(size).hasToString("1024x1536");
        assertThat(ImageSize.AUTO.wireName()).isEqualTo("auto");
        assertThat(ImageSize.AUTO).hasToString("auto");
    }

    @Test
    void pixelsIsWidthTimesHeightWithoutOverflow() {
        ImageSize size = ImageSize.of(100_000, 100_000);

        long pixels = size.pixels();

        assertThat(pixels).isEqualTo(10_000_000_000L);
    }

    @Test
    void autoHasNoWidth() {
        assertThatThrownBy(ImageSize.AUTO::width)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the auto size has no dimensions; check isAuto() first");
    }

    @Test
    void autoHasNoHeightNorPixels() {
        assertThatThrownBy(ImageSize.AUTO::height)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the auto size has no dimensions; check isAuto() first");
        assertThatThrownBy(ImageSize.AUTO::pixels)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the auto size has no dimensions; check isAuto() first");
    }
}
