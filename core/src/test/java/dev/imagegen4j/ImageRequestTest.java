package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageRequestTest {

    private static ImageRequest everyFieldSet() {
        return ImageRequest.builder("a lighthouse at dusk")
                .model("gpt-image-2")
                .count(3)
                .size(ImageSize.of(1536, 1024))
                .quality(Quality.HIGH)
                .background(Background.OPAQUE)
                .outputFormat(OutputFormat.WEBP)
                .outputCompression(80)
                .moderation(Moderation.LOW)
                .stream(true)
                .partialImages(2)
                .user("user-42")
                .option("seed", 7)
                .option("style", "vivid")
                .option("hd", true)
                .build();
    }

    @Test
    void builderSetsEveryField() {
        ImageRequest request = everyFieldSet();

        assertThat(request.prompt()).isEqualTo("a lighthouse at dusk");
        assertThat(request.model()).isEqualTo("gpt-image-2");
        assertThat(request.count()).isEqualTo(3);
        assertThat(request.size()).isEqualTo(ImageSize.of(1536, 1024));
        assertThat(request.quality()).isEqualTo(Quality.HIGH);
        assertThat(request.background()).isEqualTo(Background.OPAQUE);
        assertThat(request.outputFormat()).isEqualTo(OutputFormat.WEBP);
        assertThat(request.outputCompression()).isEqualTo(80);
        assertThat(request.moderation()).isEqualTo(Moderation.LOW);
        assertThat(request.stream()).isTrue();
        assertThat(request.partialImages()).isEqualTo(2);
        assertThat(request.user()).isEqualTo("user-42");
        assertThat(request.options()).containsOnly(entry("seed", 7), entry("style", "vivid"), entry("hd", true));
    }

    @Test
    void toBuilderRoundTripsEveryField() {
        ImageRequest original = everyFieldSet();

        ImageRequest copy = original.toBuilder().build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSetAndLeavesTheOriginalAlone() {
        ImageRequest original = everyFieldSet();

        ImageRequest changed = original.toBuilder().prompt("a castle").count(null).option("seed", null).build();

        assertThat(changed.prompt()).isEqualTo("a castle");
        assertThat(changed.count()).isNull();
        assertThat(changed.options()).containsOnly(entry("style", "vivid"), entry("hd", true));
        assertThat(changed.toBuilder().prompt("a lighthouse at dusk").count(3).option("seed", 7).build())
                .isEqualTo(original);
        assertThat(original).isEqualTo(everyFieldSet());
    }

    @Test
    void unsetFieldsAreNullMeaningTheProviderDefault() {
        ImageRequest request = ImageRequest.builder("a cat").build();

        assertThat(request.prompt()).isEqualTo("a cat");
        assertThat(request.model()).isNull();
        assertThat(request.count()).isNull();
        assertThat(request.size()).isNull();
        assertThat(request.quality()).isNull();
        assertThat(request.background()).isNull();
        assertThat(request.outputFormat()).isNull();
        assertThat(request.outputCompression()).isNull();
        assertThat(request.moderation()).isNull();
        assertThat(request.stream()).isNull();
        assertThat(request.partialImages()).isNull();
        assertThat(request.user()).isNull();
        assertThat(request.options()).isEmpty();
    }

    @Test
    void isStreamingOnlyWhenStreamIsTrue() {
        ImageRequest.Builder builder = ImageRequest.builder("a cat");

        boolean unset = builder.build().isStreaming();
        boolean off = builder.stream(false).build().isStreaming();
        boolean on = builder.stream(true).build().isStreaming();

        assertThat(unset).isFalse();
        assertThat(off).isFalse();
        assertThat(on).isTrue();
    }

    @Test
    void refusesANullPrompt() {
        assertThatThrownBy(() -> ImageRequest.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("prompt");
    }

    static Stream<Arguments> scalarOptions() {
        return Stream.of(
                Arguments.of("a string", "vivid"),
                Arguments.of("an int", 7),
                Arguments.of("a long", 7L),
                Arguments.of("a double", 0.5),
                Arguments.of("a BigDecimal", new BigDecimal("1.25")),
                Arguments.of("a boolean", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarOptions")
    void acceptsStringNumberAndBooleanOptions(String kind, Object value) {
        ImageRequest request = ImageRequest.builder("a cat").option("extra", value).build();

        assertThat(request.options()).containsExactly(entry("extra", value));
    }

    static Stream<Arguments> nonScalarOptions() {
        return Stream.of(
                Arguments.of(new Object(), "java.lang.Object"),
                Arguments.of(new ArrayList<>(List.of("a")), "java.util.ArrayList"),
                Arguments.of(new HashMap<>(Map.of("a", 1)), "java.util.HashMap"),
                Arguments.of('c', "java.lang.Character"),
                Arguments.of(Quality.HIGH, "dev.imagegen4j.Quality"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("nonScalarOptions")
    void refusesOtherOptionTypesNamingTheOption(Object value, String typeName) {
        ImageRequest.Builder builder = ImageRequest.builder("a cat").option("style", value);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 'style' must be a String, Number or Boolean but was a " + typeName);
    }

    @Test
    void refusesANullOptionValuePassedToTheConstructorNamingTheOption() {
        Map<String, Object> options = new HashMap<>();
        options.put("seed", null);

        assertThatThrownBy(() -> new ImageRequest("a cat", null, null, null, null, null, null, null, null, null,
                null, null, options))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("option 'seed'");
    }

    @Test
    void optionWithNullRemovesIt() {
        ImageRequest.Builder builder = ImageRequest.builder("a cat").option("seed", 7).option("style", "vivid");

        ImageRequest request = builder.option("seed", null).option("absent", null).build();

        assertThat(request.options()).containsExactly(entry("style", "vivid"));
    }

    @Test
    void optionsOfABuiltRequestCannotBeModified() {
        ImageRequest request = ImageRequest.builder("a cat").option("seed", 7).build();

        Map<String, Object> options = request.options();

        assertThatThrownBy(() -> options.put("style", "vivid")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> options.remove("seed")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterBuilderChangesDoNotReachABuiltRequest() {
        ImageRequest.Builder builder = ImageRequest.builder("a cat").option("seed", 7);
        ImageRequest request = builder.build();

        builder.option("seed", 8).option("style", "vivid").prompt("a dog");

        assertThat(request.prompt()).isEqualTo("a cat");
        assertThat(request.options()).containsExactly(entry("seed", 7));
    }

    @Test
    void theConstructorCopiesTheOptionsMap() {
        Map<String, Object> options = new HashMap<>(Map.of("seed", 7));
        ImageRequest request = new ImageRequest("a cat", null, null, null, null, null, null, null, null, null,
                null, null, options);

        options.put("style", "vivid");

        assertThat(request.options()).containsExactly(entry("seed", 7));
    }
}
