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
    private static final InputImage IMAGE = TestImages.opaque(8, 8);
    private static final InputImage MASK = TestImages.withAlpha(8, 8);

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
                .seed(7L)
                .negativePrompt("blurry")
                .partialImages(2)
                .user("user-42")
                .image(IMAGE)
                .mask(MASK)
                .extra("p", "steps", 7)
                .extra("p", "style", "vivid")
                .extra("q", "hd", true)
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
        assertThat(request.seed()).isEqualTo(7L);
        assertThat(request.negativePrompt()).isEqualTo("blurry");
        assertThat(request.partialImages()).isEqualTo(2);
        assertThat(request.user()).isEqualTo("user-42");
        assertThat(request.images()).containsExactly(IMAGE);
        assertThat(request.mask()).isSameAs(MASK);
        assertThat(request.extras()).containsOnlyKeys("p", "q");
        assertThat(request.extras("p")).containsExactly(entry("steps", 7), entry("style", "vivid"));
        assertThat(request.extras("q")).containsExactly(entry("hd", true));
        assertThat(request.extras("absent")).isEmpty();
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

        ImageRequest changed = original.toBuilder().prompt("a castle").count(null).extra("p", "steps", null)
                .extra("q", "hd", null).images(List.of()).build();

        assertThat(changed.prompt()).isEqualTo("a castle");
        assertThat(changed.count()).isNull();
        assertThat(changed.images()).isEmpty();
        assertThat(changed.extras()).containsOnlyKeys("p");
        assertThat(changed.extras("p")).containsExactly(entry("style", "vivid"));
        assertThat(changed.toBuilder().prompt("a lighthouse at dusk").count(3).image(IMAGE).build().extras("p"))
                .containsExactly(entry("style", "vivid"));
        ImageRequest restored = ImageRequest.builder("a lighthouse at dusk").model("gpt-image-2").count(3)
                .size(ImageSize.of(1536, 1024)).quality(Quality.HIGH).background(Background.OPAQUE)
                .outputFormat(OutputFormat.WEBP).outputCompression(80).moderation(Moderation.LOW).seed(7L)
                .negativePrompt("blurry").partialImages(2).user("user-42").image(IMAGE).mask(MASK)
                .extra("p", "steps", 7).extra("p", "style", "vivid").extra("q", "hd", true).build();
        assertThat(restored).isEqualTo(original);
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
        assertThat(request.seed()).isNull();
        assertThat(request.negativePrompt()).isNull();
        assertThat(request.partialImages()).isNull();
        assertThat(request.user()).isNull();
        assertThat(request.images()).isEmpty();
        assertThat(request.mask()).isNull();
        assertThat(request.extras()).isEmpty();
    }

    @Test
    void refusesANullPrompt() {
        assertThatThrownBy(() -> ImageRequest.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("prompt");
    }

    static Stream<Arguments> scalarExtras() {
        return Stream.of(
                Arguments.of("a string", "vivid"),
                Arguments.of("an int", 7),
                Arguments.of("a long", 7L),
                Arguments.of("a double", 0.5),
                Arguments.of("a BigDecimal", new BigDecimal("1.25")),
                Arguments.of("a boolean", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarExtras")
    void acceptsStringNumberAndBooleanExtras(String kind, Object value) {
        ImageRequest request = ImageRequest.builder("a cat").extra("p", "extra", value).build();

        assertThat(request.extras("p")).containsExactly(entry("extra", value));
    }

    static Stream<Arguments> nonScalarExtras() {
        return Stream.of(
                Arguments.of(new Object(), "java.lang.Object"),
                Arguments.of(new ArrayList<>(List.of("a")), "java.util.ArrayList"),
                Arguments.of(new HashMap<>(Map.of("a", 1)), "java.util.HashMap"),
                Arguments.of('c', "java.lang.Character"),
                Arguments.of(Quality.HIGH, "dev.imagegen4j.Quality"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("nonScalarExtras")
    void refusesOtherExtraTypesNamingTheExtra(Object value, String typeName) {
        ImageRequest.Builder builder = ImageRequest.builder("a cat").extra("p", "style", value);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra p.style must be a String, Number or Boolean but was a " + typeName);
    }

    private static ImageRequest withExtras(Map<String, Map<String, Object>> extras) {
        return new ImageRequest("a cat", null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), null, extras);
    }

    @Test
    void refusesANullExtraValuePassedToTheConstructorNamingTheExtra() {
        Map<String, Object> values = new HashMap<>();
        values.put("steps", null);

        assertThatThrownBy(() -> withExtras(Map.of("p", values)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("extra p.steps");
    }

    @Test
    void extraWithNullRemovesIt() {
        ImageRequest.Builder builder = ImageRequest.builder("a cat").extra("p", "steps", 7).extra("p", "style", "vivid");

        ImageRequest request = builder.extra("p", "steps", null).extra("p", "absent", null).extra("q", "x", null)
                .build();

        assertThat(request.extras()).containsOnlyKeys("p");
        assertThat(request.extras("p")).containsExactly(entry("style", "vivid"));
    }

    @Test
    void aProviderWhoseExtrasWereAllRemovedIsNotListed() {
        ImageRequest request = ImageRequest.builder("a cat").extra("p", "steps", 7).extra("p", "steps", null).build();

        assertThat(request.extras()).isEmpty();
    }

    @Test
    void extrasKeepTheirInsertionOrder() {
        ImageRequest request = ImageRequest.builder("a cat").extra("p", "z", 1).extra("p", "a", 2).extra("p", "m", 3)
                .build();

        assertThat(request.extras("p").keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void extrasAndImagesOfABuiltRequestCannotBeModified() {
        ImageRequest request = ImageRequest.builder("a cat").extra("p", "steps", 7).image(IMAGE).build();

        assertThatThrownBy(() -> request.extras("p").put("style", "vivid"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.extras().remove("p")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.images().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterBuilderChangesDoNotReachABuiltRequest() {
        ImageRequest.Builder builder = ImageRequest.builder("a cat").extra("p", "steps", 7).image(IMAGE);
        ImageRequest request = builder.build();

        builder.extra("p", "steps", 8).extra("p", "style", "vivid").prompt("a dog").image(MASK);

        assertThat(request.prompt()).isEqualTo("a cat");
        assertThat(request.extras("p")).containsExactly(entry("steps", 7));
        assertThat(request.images()).containsExactly(IMAGE);
    }

    @Test
    void theConstructorCopiesTheExtrasMaps() {
        Map<String, Object> values = new HashMap<>(Map.of("steps", 7));
        Map<String, Map<String, Object>> extras = new HashMap<>(Map.of("p", values));
        ImageRequest request = withExtras(extras);

        values.put("style", "vivid");
        extras.put("q", Map.of("hd", true));

        assertThat(request.extras()).containsOnlyKeys("p");
        assertThat(request.extras("p")).containsExactly(entry("steps", 7));
    }
}
