package dev.imagegen4j.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.ValidationResult;
import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the GPTProto images API page as encoded in {@link GptImageModels#catalog()}, each checked
 * on both sides of its boundary. The neutral mechanics are tested in core.
 */
class GptImageModelsTest {
    private static final ModelCatalog CATALOG = GptImageModels.catalog();
    private static final List<String> MODELS = List.of("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5",
            "gpt-image-2");
    private static final List<String> FIXED_SIZE_MODELS = List.of("gpt-image-1", "gpt-image-1-mini",
            "gpt-image-1.5");
    private static final String PROMPT = "a lighthouse at dusk";

    private static ValidationResult validate(@Nullable String model, UnaryOperator<ImageRequest.Builder> setUp) {
        return CATALOG.validate(setUp.apply(ImageRequest.builder(PROMPT).model(model)).build(), "gptproto",
                ValidationOptions.STRICT);
    }

    private static List<String> errors(ValidationResult result) {
        return result.errors().stream().map(Violation::rule).toList();
    }

    private static List<String> warnings(ValidationResult result) {
        return result.warnings().stream().map(Warning::code).toList();
    }

    private static List<String> codes(@Nullable String cell) {
        return cell == null || cell.isBlank() ? List.of() : Arrays.asList(cell.trim().split("\\s+"));
    }

    private static Stream<Arguments> eachModelWith(Object... values) {
        return MODELS.stream().flatMap(model -> Stream.of(values).map(value -> Arguments.of(model, value)));
    }

    // ---- the catalog ----

    @Test
    void theCatalogListsTheFourGptImageModelsThenTheOtherFamiliesWithGptImage1AsDefault() {
        List<String> all = new ArrayList<>(MODELS);
        all.addAll(List.of("flux-kontext-pro", "doubao-seedream-3-0-t2i-250415", "gemini-2.5-flash-image"));
        assertThat(CATALOG.models()).extracting(ModelSpec::id).containsExactlyElementsOf(all);
        assertThat(CATALOG.models()).allMatch(ModelSpec::isKnown);
        assertThat(CATALOG.defaultModel()).isEqualTo("gpt-image-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"})
    void aPlainRequestIsValidWithoutWarningsOnEveryVendorModel(String model) {
        ValidationResult result = validate(model, b -> b);

        assertThat(result.modelId()).isEqualTo(model);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aRequestWithoutModelIsCheckedAgainstGptImage1() {
        ValidationResult result = validate(null, b -> b.size(ImageSize.of(2048, 2048)));

        assertThat(result.modelId()).isEqualTo("gpt-image-1");
        assertThat(errors(result)).containsExactly("size.one_of");
        assertThat(validate(null, b -> b.size(ImageSize.of(1536, 1024))).errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"})
    void everyVendorModelTakesTheFamilysSettings(String model) {
        ModelSpec spec = CATALOG.specFor(model);

        assertThat(spec.count()).isEqualTo(IntRange.of(1, 10));
        assertThat(spec.maxImagesPerCall()).isEqualTo(10);
        assertThat(spec.maxPromptLength()).isEqualTo(32_000);
        assertThat(spec.qualities()).containsExactly(Quality.values());
        assertThat(spec.formats()).containsExactly(OutputFormat.values());
        assertThat(spec.compressionFormats()).containsExactly(OutputFormat.JPEG, OutputFormat.WEBP);
        assertThat(spec.moderations()).containsExactly(Moderation.AUTO, Moderation.LOW);
        assertThat(spec.supportsStreaming()).isTrue();
        assertThat(spec.partialImages()).isEqualTo(IntRange.of(0, 3));
        assertThat(spec.supportsUser()).isTrue();
        assertThat(spec.seeds()).isNull();
        assertThat(spec.maxNegativePromptLength()).isZero();
        assertThat(spec.inputImages()).isEqualTo(IntRange.of(0, 16));
        assertThat(spec.supportsMask()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0, count.range", "1, ", "10, ", "11, count.range"})
    void countIsOneToTen(int count, @Nullable String rule) {
        for (String model : MODELS) {
            assertThat(errors(validate(model, b -> b.count(count)))).containsExactlyElementsOf(codes(rule));
        }
    }

    // ---- sizes of the gpt-image-1 family: a fixed set ----

    static Stream<Arguments> fixedSizesOfEachFixedSizeModel() {
        return FIXED_SIZE_MODELS.stream().flatMap(model -> Stream.of("auto", "1024x1024", "1536x1024", "1024x1536")
                .map(size -> Arguments.of(model, size)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixedSizesOfEachFixedSizeModel")
    void fixedSizeModelsAcceptAutoAndEachOfTheirSizes(String model, String size) {
        assertThat(validate(model, b -> b.size(ImageSize.parse(size))).errors()).isEmpty();
    }

    static Stream<Arguments> sizesOutsideTheFixedSet() {
        return FIXED_SIZE_MODELS.stream().flatMap(model -> Stream.of("2048x2048", "1024x1040", "1536x1536",
                        "1023x1024", "3840x2160", "2048x1152", "1024x640")
                .map(size -> Arguments.of(model, size)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sizesOutsideTheFixedSet")
    void fixedSizeModelsRefuseAnyOtherSize(String model, String size) {
        ValidationResult result = validate(model, b -> b.size(ImageSize.parse(size)));

        assertThat(result.errors()).singleElement().isEqualTo(new Violation("size", "size.one_of", size, "size " + size
                + " is not accepted by model " + model + "; use one of auto, 1024x1024, 1536x1024, 1024x1536"));
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3:2, 1536x1024", "2:3, 1024x1536", "1:1, 1024x1024"})
    void fixedSizeModelsSendARatioAsTheirSizeOfThatShape(String ratio, String sent) {
        ValidationResult result = validate("gpt-image-1", b -> b.size(ImageSize.parse(ratio)));

        assertThat(result.resolved().size()).isEqualTo(ImageSize.parse(sent));
        assertThat(result.warnings()).isEmpty();
    }

    // ---- sizes of gpt-image-2: the flexible rule ----

    @ParameterizedTest(name = "{0}: errors [{1}] warnings [{2}]")
    @CsvSource(delimiter = '|', value = {
            "1024x1024 |                  | ",
            "1024x1032 | size.multiple_of | ",
            "3840x1280 |                  | size.experimental",
            "3856x1296 | size.max_edge    | ",
            "3072x1024 |                  | ",
            "3088x1024 | size.max_aspect_ratio | ",
            "1024x640  |                  | ",
            "1008x640  | size.pixels      | ",
            "3840x2160 |                  | size.experimental",
            "3840x2176 | size.pixels      | ",
            "2560x1440 |                  | ",
            "2576x1440 |                  | size.experimental",
            "auto      |                  | ",
    })
    void gptImage2AcceptsFlexibleSizesWithinItsLimits(String size, @Nullable String errors,
                                                      @Nullable String warnings) {
        ValidationResult result = validate("gpt-image-2", b -> b.size(ImageSize.parse(size)));

        assertThat(errors(result)).containsExactlyElementsOf(codes(errors));
        assertThat(warnings(result)).containsExactlyElementsOf(codes(warnings));
    }

    @Test
    void anExperimentalSizeOfGptImage2IsAWarningThatKeepsTheRequestValid() {
        ValidationResult result = validate("gpt-image-2", b -> b.size(ImageSize.of(2576, 1440)));

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).containsExactly(new Warning("size", "gpt-image-2", "size.experimental",
                "size 2576x1440 is above 2560x1440 pixels, which model gpt-image-2 treats as experimental: results "
                        + "may be less reliable"));
    }

    @Test
    void gptImage2OffersTheSizesOfTheVendorPage() {
        List<? extends ImageSize> presets = CATALOG.specFor("gpt-image-2").sizes().presets();

        assertThat(presets).extracting(ImageSize::text).containsExactly(
                "1024x1024", "1536x1024", "1024x1536", "2048x2048", "2048x1152", "3840x2160", "2160x3840");
    }

    @Test
    void everyPresetOfEveryCatalogModelValidatesWithoutError() {
        List<String> failures = new ArrayList<>();

        for (ModelSpec spec : CATALOG.models()) {
            for (ImageSize preset : spec.sizes().presets()) {
                List<Violation> found = validate(spec.id(), b -> b.size(preset)).errors();
                if (!found.isEmpty()) {
                    failures.add(spec.id() + " " + preset + ": " + found);
                }
            }
        }

        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"16:9, 1536x1024", "21:9, 1536x1024", "9:16, 1024x1536"})
    void nearestSizesOfCatalogModelsValidate(String ratio, String fixedNearest) {
        ImageSize.AspectRatio shape = (ImageSize.AspectRatio) ImageSize.parse(ratio);

        ImageSize flexible = CATALOG.specFor("gpt-image-2").nearestSize(shape.width(), shape.height(), 2_400_000);
        ImageSize fixed = CATALOG.specFor("gpt-image-1").nearestSize(shape.width(), shape.height(), 2_400_000);

        assertThat(validate("gpt-image-2", b -> b.size(flexible)).errors()).isEmpty();
        assertThat(fixed).isEqualTo(ImageSize.parse(fixedNearest));
    }

    // ---- background: transparency only on gpt-image-1, as png or webp ----

    static Stream<Arguments> backgrounds() {
        List<Arguments> rows = new ArrayList<>();
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.PNG, null));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.WEBP, null));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.JPEG, "background.requires_format"));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.AUTO, "background.requires_format"));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, null, "background.requires_format"));
        for (String model : List.of("gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2")) {
            rows.add(Arguments.of(model, Background.TRANSPARENT, OutputFormat.PNG, "background.one_of"));
            rows.add(Arguments.of(model, Background.TRANSPARENT, null, "background.one_of"));
        }
        for (String model : MODELS) {
            for (Background background : List.of(Background.AUTO, Background.OPAQUE)) {
                rows.add(Arguments.of(model, background, null, null));
                for (OutputFormat format : OutputFormat.values()) {
                    rows.add(Arguments.of(model, background, format, null));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("backgrounds")
    void transparentBackgroundNeedsGptImage1AndPngOrWebp(String model, Background background,
                                                        @Nullable OutputFormat format, @Nullable String rule) {
        ValidationResult result = validate(model, b -> b.background(background).outputFormat(format));

        assertThat(errors(result)).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void transparentBackgroundOnAModelWithoutItIsExplained() {
        ValidationResult result = validate("gpt-image-2",
                b -> b.background(Background.TRANSPARENT).outputFormat(OutputFormat.PNG));

        assertThat(result.errors()).extracting(Violation::message).containsExactly(
                "background transparent is not supported by model gpt-image-2; use one of auto, opaque");
    }

    @Test
    void transparentBackgroundOnGptImage1AsJpegIsExplained() {
        ValidationResult result = validate("gpt-image-1",
                b -> b.background(Background.TRANSPARENT).outputFormat(OutputFormat.JPEG));

        assertThat(result.errors()).extracting(Violation::message).containsExactly(
                "background transparent needs output format png or webp but the output format is jpeg");
    }

    // ---- the -plus rule ----

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1-plus", "gpt-image-1-mini-plus", "gpt-image-1.5-plus", "gpt-image-2-plus"})
    void plusVariantsOfListedModelsAreKnownAndTakeNoQuality(String model) {
        ModelSpec plus = CATALOG.specFor(model);
        ModelSpec base = CATALOG.specFor(model.substring(0, model.length() - "-plus".length()));

        assertThat(plus.id()).isEqualTo(model);
        assertThat(plus.isKnown()).isTrue();
        assertThat(plus.qualities()).isEmpty();
        assertThat(plus.sizes()).isEqualTo(base.sizes());
        assertThat(plus.backgrounds()).isEqualTo(base.backgrounds());
        assertThat(plus.formats()).isEqualTo(base.formats());
        assertThat(plus.count()).isEqualTo(base.count());
        assertThat(validate(model, b -> b).warnings()).isEmpty();
        assertThat(CATALOG.find(model)).isEmpty();
    }

    static Stream<Arguments> qualitiesOnPlusModels() {
        return Stream.of("gpt-image-1-plus", "gpt-image-2-plus").flatMap(model -> Stream.of(Quality.values())
                .map(quality -> Arguments.of(model, quality)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("qualitiesOnPlusModels")
    void plusModelsRefuseEveryQuality(String model, Quality quality) {
        ValidationResult result = validate(model, b -> b.quality(quality));

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("quality");
            assertThat(error.rule()).isEqualTo("quality.not_supported");
            assertThat(error.value()).isEqualTo(quality.id());
            assertThat(error.message()).startsWith("quality is not supported by model " + model + "; it takes prompt, "
                    + "count, size, background, outputFormat");
        });
    }

    @ParameterizedTest(name = "{0} {1}: [{2}]")
    @CsvSource(delimiter = '|', value = {
            "gpt-image-2-plus | 3072x1024 | ",
            "gpt-image-2-plus | 1024x1032 | size.multiple_of",
            "gpt-image-1-plus | 1536x1024 | ",
            "gpt-image-1-plus | 2048x2048 | size.one_of",
    })
    void plusModelsKeepTheSizesOfTheirBaseModel(String model, String size, @Nullable String rule) {
        assertThat(errors(validate(model, b -> b.size(ImageSize.parse(size))))).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void plusVariantOfGptImage1KeepsItsTransparency() {
        ValidationResult result = validate("gpt-image-1-plus",
                b -> b.background(Background.TRANSPARENT).outputFormat(OutputFormat.PNG));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void plusVariantOfAnUnlistedModelIsNotKnownAndHasNoQualities() {
        ModelSpec plus = CATALOG.specFor("dall-e-9-plus");

        assertThat(plus.id()).isEqualTo("dall-e-9-plus");
        assertThat(plus.isKnown()).isFalse();
        assertThat(plus.qualities()).isEmpty();
        assertThat(plus.sizes()).isEqualTo(SizeRule.any());
    }

    // ---- models the catalog does not list ----

    @Test
    void anUnknownModelGetsTheFamilysGenericRulesAndAWarning() {
        ModelSpec spec = CATALOG.specFor("dall-e-9");

        ValidationResult result = validate("dall-e-9", b -> b.size(ImageSize.of(777, 333))
                .background(Background.TRANSPARENT).outputFormat(OutputFormat.PNG).extra("gptproto", "style", "x"));

        assertThat(spec.isKnown()).isFalse();
        assertThat(spec.sizes()).isEqualTo(SizeRule.any());
        assertThat(spec.acceptsUndeclaredExtras()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(warnings(result)).containsExactly("model.unknown");
    }

    @Test
    void anUnknownModelStillGetsErrorsForTheGenericRules() {
        ValidationResult result = validate("dall-e-9", b -> b.count(11).outputCompression(50)
                .outputFormat(OutputFormat.PNG).prompt("a".repeat(32_001)));

        assertThat(errors(result)).containsExactly("prompt.max_length", "count.range",
                "outputCompression.requires_format");
        assertThat(warnings(result)).containsExactly("model.unknown");
    }

    static Stream<Arguments> everyEnumOnEachModel() {
        return Stream.of(eachModelWith((Object[]) Quality.values()), eachModelWith((Object[]) OutputFormat.values()),
                eachModelWith((Object[]) Moderation.values())).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEnumOnEachModel")
    void everyVendorModelAcceptsEveryQualityFormatAndModeration(String model, Object value) {
        ValidationResult result = validate(model, b -> value instanceof Quality q ? b.quality(q)
                : value instanceof OutputFormat f ? b.outputFormat(f) : b.moderation((Moderation) value));

        assertThat(result.errors()).isEmpty();
    }
}
