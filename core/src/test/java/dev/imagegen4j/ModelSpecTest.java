package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * The rules of the GPTProto images API page (shared/reference/gptproto-images-api.txt) as encoded in
 * {@link ModelCatalog#gptImage()}, each checked on both sides of its boundary.
 */
class ModelSpecTest {
    private static final ModelCatalog CATALOG = ModelCatalog.gptImage();
    private static final List<String> MODELS = List.of("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5",
            "gpt-image-2");
    private static final List<String> FIXED_SIZE_MODELS = List.of("gpt-image-1", "gpt-image-1-mini",
            "gpt-image-1.5");
    private static final String PROMPT = "a lighthouse at dusk";

    private static ValidationResult validate(@Nullable String model, UnaryOperator<ImageRequest.Builder> setUp) {
        return CATALOG.validate(setUp.apply(ImageRequest.builder(PROMPT).model(model)).build());
    }

    private static List<String> rules(List<Violation> violations) {
        return violations.stream().map(Violation::rule).toList();
    }

    /** The rule codes in a table cell: blank for none, else separated by blanks. */
    private static List<String> codes(@Nullable String cell) {
        return cell == null || cell.isBlank() ? List.of() : Arrays.asList(cell.trim().split("\\s+"));
    }

    private static Stream<Arguments> eachModelWith(Object... values) {
        return MODELS.stream().flatMap(model -> Stream.of(values).map(value -> Arguments.of(model, value)));
    }

    // ---- models and the default model ----

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"})
    void aPlainRequestIsValidWithoutAnyViolationOnEveryVendorModel(String model) {
        ImageRequest request = ImageRequest.builder(PROMPT).model(model).build();

        ValidationResult result = CATALOG.validate(request);

        assertThat(result.modelId()).isEqualTo(model);
        assertThat(result.violations()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void aRequestWithoutModelIsCheckedAgainstGptImage1() {
        ImageRequest request = ImageRequest.builder(PROMPT).size(ImageSize.of(2048, 2048)).build();

        ValidationResult result = CATALOG.validate(request);

        assertThat(result.modelId()).isEqualTo("gpt-image-1");
        assertThat(rules(result.errors())).containsExactly("size.one_of");
        assertThat(CATALOG.validate(request.toBuilder().size(ImageSize.of(1536, 1024)).build()).violations())
                .isEmpty();
    }

    // ---- sizes of the gpt-image-1 family: a fixed set ----

    static Stream<Arguments> fixedSizesOfEachFixedSizeModel() {
        return FIXED_SIZE_MODELS.stream().flatMap(model -> Stream.of("auto", "1024x1024", "1536x1024", "1024x1536")
                .map(size -> Arguments.of(model, size)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixedSizesOfEachFixedSizeModel")
    void fixedSizeModelsAcceptAutoAndEachOfTheirSizes(String model, String size) {
        ValidationResult result = validate(model, b -> b.size(ImageSize.parse(size)));

        assertThat(result.violations()).isEmpty();
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

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("size");
            assertThat(error.rule()).isEqualTo("size.one_of");
            assertThat(error.value()).isEqualTo(size);
        });
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void sizeOutsideTheFixedSetIsExplainedWithTheAcceptedSizes() {
        ValidationResult result = validate("gpt-image-1", b -> b.size(ImageSize.of(2048, 2048)));

        assertThat(result.errors()).extracting(Violation::message).containsExactly(
                "size 2048x2048 is not accepted by model gpt-image-1; use one of auto, 1024x1024, 1536x1024, 1024x1536");
    }

    // ---- sizes of gpt-image-2: the flexible rule ----

    @ParameterizedTest(name = "{0}: errors [{1}] warnings [{2}]")
    @CsvSource(delimiter = '|', value = {
            // multiples of 16
            "1024x1024 |                                    | ",
            "1024x1032 | size.multiple_of                   | ",
            "1032x1024 | size.multiple_of                   | ",
            "1040x1024 |                                    | ",
            // max edge 3840
            "3840x1280 |                                    | size.experimental",
            "1280x3840 |                                    | size.experimental",
            "3856x1296 | size.max_edge                      | ",
            "1296x3856 | size.max_edge                      | ",
            // aspect ratio at most 3:1
            "3072x1024 |                                    | ",
            "1024x3072 |                                    | ",
            "3088x1024 | size.max_aspect_ratio              | ",
            "1024x3088 | size.max_aspect_ratio              | ",
            // 655,360 to 8,294,400 pixels
            "1024x640  |                                    | ",
            "640x1024  |                                    | ",
            "1008x640  | size.pixels                        | ",
            "3840x2160 |                                    | size.experimental",
            "2160x3840 |                                    | size.experimental",
            "3840x2176 | size.pixels                        | ",
            "2880x2880 |                                    | size.experimental",
            "2896x2880 | size.pixels                        | ",
            // above 2560x1440 pixels is experimental: a warning, not an error
            "2560x1440 |                                    | ",
            "1440x2560 |                                    | ",
            "2576x1440 |                                    | size.experimental",
            "1440x2576 |                                    | size.experimental",
            // several rules at once, in a fixed order; no experimental warning for a refused size
            "4096x1024 | size.max_edge size.max_aspect_ratio | ",
            "100x17    | size.multiple_of size.max_aspect_ratio size.pixels | ",
            "4008x4008 | size.multiple_of size.max_edge size.pixels | ",
            "auto      |                                    | ",
    })
    void gptImage2AcceptsFlexibleSizesWithinItsLimits(String size, @Nullable String errors,
                                                      @Nullable String warnings) {
        ValidationResult result = validate("gpt-image-2", b -> b.size(ImageSize.parse(size)));

        assertThat(rules(result.errors())).containsExactlyElementsOf(codes(errors));
        assertThat(rules(result.warnings())).containsExactlyElementsOf(codes(warnings));
        assertThat(result.isValid()).isEqualTo(codes(errors).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1024x1032 | size 1024x1032: both sides must be multiples of 16 px on model gpt-image-2",
            "3856x1296 | size 3856x1296: the longer side may be at most 3840 px on model gpt-image-2",
            "3088x1024 | size 3088x1024: the aspect ratio may be at most 3:1 on model gpt-image-2 but is 3.02:1",
            "4096x1024 | size 4096x1024: the longer side may be at most 3840 px on model gpt-image-2",
            "1008x640  | size 1008x640 has 645,120 pixels; model gpt-image-2 needs between 655,360 and 8,294,400",
            "3840x2176 | size 3840x2176 has 8,355,840 pixels; model gpt-image-2 needs between 655,360 and 8,294,400",
    })
    void sizeErrorsOfGptImage2ExplainTheLimit(String size, String message) {
        ValidationResult result = validate("gpt-image-2", b -> b.size(ImageSize.parse(size)));

        assertThat(result.errors()).extracting(Violation::message).first().isEqualTo(message);
    }

    @Test
    void anExperimentalSizeIsAWarningThatKeepsTheRequestValid() {
        ValidationResult result = validate("gpt-image-2", b -> b.size(ImageSize.of(2576, 1440)));

        assertThat(result.isValid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).containsExactly(new Violation(Violation.Severity.WARNING, "size",
                "size.experimental", "2576x1440", "size 2576x1440 is above 2560x1440 pixels, which model "
                        + "gpt-image-2 treats as experimental: results may be less reliable"));
        assertThat(result.throwIfInvalid("gptproto")).containsExactly("size 2576x1440 is above 2560x1440 pixels, "
                + "which model gpt-image-2 treats as experimental: results may be less reliable");
    }

    // ---- n ----

    static Stream<Arguments> counts() {
        return MODELS.stream().flatMap(model -> Stream.of(
                Arguments.of(model, -1, "n.range"),
                Arguments.of(model, 0, "n.range"),
                Arguments.of(model, 1, null),
                Arguments.of(model, 10, null),
                Arguments.of(model, 11, "n.range")));
    }

    @ParameterizedTest(name = "{0} n={1}: {2}")
    @MethodSource("counts")
    void nMustBeBetweenOneAndTen(String model, int n, @Nullable String rule) {
        ValidationResult result = validate(model, b -> b.count(n));

        assertThat(rules(result.violations())).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void nOutOfRangeIsExplained() {
        ValidationResult result = validate("gpt-image-2", b -> b.count(11));

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "n", "n.range", "11",
                "n must be between 1 and 10 on model gpt-image-2 but was 11"));
    }

    // ---- prompt ----

    static Stream<Arguments> promptLengths() {
        return MODELS.stream().flatMap(model -> Stream.of(
                Arguments.of(model, 1, null),
                Arguments.of(model, 31_999, null),
                Arguments.of(model, 32_000, null),
                Arguments.of(model, 32_001, "prompt.max_length"),
                Arguments.of(model, 100_000, "prompt.max_length")));
    }

    @ParameterizedTest(name = "{0} {1} characters: {2}")
    @MethodSource("promptLengths")
    void promptMayBeAtMost32000CharactersLong(String model, int length, @Nullable String rule) {
        ValidationResult result = validate(model, b -> b.prompt("a".repeat(length)));

        assertThat(rules(result.violations())).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void tooLongPromptIsExplainedWithGroupedNumbers() {
        ValidationResult result = validate("gpt-image-2", b -> b.prompt("a".repeat(32_001)));

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "prompt",
                "prompt.max_length", "32001 characters",
                "prompt is 32,001 characters long; model gpt-image-2 accepts at most 32,000"));
    }

    @Test
    void promptLengthCountsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDDBC";

        ValidationResult atLimit = validate("gpt-image-2", b -> b.prompt(emoji.repeat(32_000)));
        ValidationResult overLimit = validate("gpt-image-2", b -> b.prompt(emoji.repeat(32_001)));

        assertThat(atLimit.violations()).isEmpty();
        assertThat(overLimit.errors()).extracting(Violation::message).containsExactly(
                "prompt is 32,001 characters long; model gpt-image-2 accepts at most 32,000");
    }

    static Stream<Arguments> blankPrompts() {
        return eachModelWith("", " ", "  \n", "\t\r\n");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("blankPrompts")
    void promptMustNotBeBlank(String model, String prompt) {
        ValidationResult result = validate(model, b -> b.prompt(prompt));

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "prompt",
                "prompt.blank", null, "prompt must not be blank"));
    }

    @Test
    void aBlankPromptLongerThanTheLimitIsOnlyReportedAsBlank() {
        ValidationResult result = validate("gpt-image-2", b -> b.prompt(" ".repeat(32_001)));

        assertThat(rules(result.violations())).containsExactly("prompt.blank");
    }

    // ---- quality ----

    static Stream<Arguments> qualitiesOnEachModel() {
        return eachModelWith((Object[]) Quality.values());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("qualitiesOnEachModel")
    void everyVendorModelAcceptsEveryQuality(String model, Quality quality) {
        ValidationResult result = validate(model, b -> b.quality(quality));

        assertThat(result.violations()).isEmpty();
    }

    static Stream<Arguments> qualitiesOnPlusModels() {
        return Stream.of("gpt-image-1-plus", "gpt-image-2-plus").flatMap(model -> Stream.of(Quality.values())
                .map(quality -> Arguments.of(model, quality)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("qualitiesOnPlusModels")
    void plusModelsRefuseEveryQuality(String model, Quality quality) {
        ValidationResult result = validate(model, b -> b.quality(quality));

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "quality",
                "quality.not_accepted", quality.wireName(), "quality is not accepted by model " + model
                        + ", which chooses the quality itself; leave quality unset"));
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1-plus", "gpt-image-1-mini-plus", "gpt-image-1.5-plus", "gpt-image-2-plus"})
    void plusModelsAcceptARequestWithoutQuality(String model) {
        ValidationResult result = validate(model, b -> b);

        assertThat(result.modelId()).isEqualTo(model);
        assertThat(result.violations()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: [{2}]")
    @CsvSource(delimiter = '|', value = {
            "gpt-image-2-plus | 1024x1024 | ",
            "gpt-image-2-plus | 3072x1024 | ",
            "gpt-image-2-plus | 1024x1032 | size.multiple_of",
            "gpt-image-2-plus | 3856x1296 | size.max_edge",
            "gpt-image-2-plus | 3088x1024 | size.max_aspect_ratio",
            "gpt-image-2-plus | 1008x640  | size.pixels",
            "gpt-image-1-plus | 1536x1024 | ",
            "gpt-image-1-plus | 2048x2048 | size.one_of",
    })
    void plusModelsKeepTheSizesOfTheirBaseModel(String model, String size, @Nullable String rule) {
        ValidationResult result = validate(model, b -> b.size(ImageSize.parse(size)));

        assertThat(rules(result.violations())).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void aModelThatRestrictsQualitiesExplainsWhichItAccepts() {
        ModelSpec spec = ModelSpec.builder("custom").known(true).qualities(Quality.LOW, Quality.HIGH).build();

        ValidationResult result = spec.validate(ImageRequest.builder(PROMPT).quality(Quality.MEDIUM).build());

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "quality",
                "quality.one_of", "medium", "quality medium is not supported by model custom; use one of low, high"));
    }

    // ---- background ----

    static Stream<Arguments> backgrounds() {
        List<Arguments> rows = new ArrayList<>();
        // transparent: only gpt-image-1, and only as png or webp
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.PNG, null));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.WEBP, null));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.JPEG, "background.requires_format"));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, OutputFormat.AUTO, "background.requires_format"));
        rows.add(Arguments.of("gpt-image-1", Background.TRANSPARENT, null, "background.requires_format"));
        for (String model : List.of("gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2")) {
            rows.add(Arguments.of(model, Background.TRANSPARENT, OutputFormat.PNG, "background.one_of"));
            rows.add(Arguments.of(model, Background.TRANSPARENT, OutputFormat.WEBP, "background.one_of"));
            rows.add(Arguments.of(model, Background.TRANSPARENT, null, "background.one_of"));
        }
        // opaque and auto: every model, any format
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

        assertThat(rules(result.violations())).containsExactlyElementsOf(codes(rule));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jpeg | background transparent needs output_format png or webp but output_format is jpeg",
            "auto | background transparent needs output_format png or webp but output_format is auto",
            "     | background transparent needs output_format png or webp but output_format is unset",
    })
    void transparentBackgroundWithoutAFittingFormatIsExplained(@Nullable String format, String message) {
        OutputFormat outputFormat = format == null ? null : OutputFormat.fromWireName(format);

        ValidationResult result = validate("gpt-image-1",
                b -> b.background(Background.TRANSPARENT).outputFormat(outputFormat));

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "background",
                "background.requires_format", "transparent", message));
    }

    @Test
    void transparentBackgroundOnAModelWithoutItIsExplained() {
        ValidationResult result = validate("gpt-image-2",
                b -> b.background(Background.TRANSPARENT).outputFormat(OutputFormat.PNG));

        assertThat(result.errors()).extracting(Violation::message).containsExactly(
                "background transparent is not supported by model gpt-image-2; use one of auto, opaque");
    }

    // ---- output_format ----

    static Stream<Arguments> formatsOnEachModel() {
        return eachModelWith((Object[]) OutputFormat.values());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsOnEachModel")
    void everyVendorModelAcceptsEveryOutputFormat(String model, OutputFormat format) {
        ValidationResult result = validate(model, b -> b.outputFormat(format));

        assertThat(result.violations()).isEmpty();
    }

    @Test
    void aModelThatRestrictsFormatsExplainsWhichItAccepts() {
        ModelSpec spec = ModelSpec.builder("custom").known(true).formats(OutputFormat.PNG, OutputFormat.WEBP).build();

        ValidationResult result = spec.validate(ImageRequest.builder(PROMPT).outputFormat(OutputFormat.JPEG).build());

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "output_format",
                "output_format.one_of", "jpeg", "output_format jpeg is not supported by model custom; use one of png, webp"));
    }

    // ---- output_compression ----

    static Stream<Arguments> compressions() {
        List<Arguments> rows = new ArrayList<>();
        for (String model : MODELS) {
            for (OutputFormat format : List.of(OutputFormat.JPEG, OutputFormat.WEBP)) {
                rows.add(Arguments.of(model, -1, format, "output_compression.range"));
                rows.add(Arguments.of(model, 0, format, null));
                rows.add(Arguments.of(model, 100, format, null));
                rows.add(Arguments.of(model, 101, format, "output_compression.range"));
            }
            rows.add(Arguments.of(model, 50, OutputFormat.PNG, "output_compression.requires_format"));
            rows.add(Arguments.of(model, 50, OutputFormat.AUTO, "output_compression.requires_format"));
            rows.add(Arguments.of(model, 50, null, "output_compression.requires_format"));
            rows.add(Arguments.of(model, 101, OutputFormat.PNG,
                    "output_compression.range output_compression.requires_format"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("compressions")
    void outputCompressionIsZeroToHundredAndOnlyForJpegOrWebp(String model, int compression,
                                                             @Nullable OutputFormat format, @Nullable String rule) {
        ValidationResult result = validate(model, b -> b.outputCompression(compression).outputFormat(format));

        assertThat(rules(result.violations())).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void outputCompressionErrorsAreExplained() {
        ValidationResult result = validate("gpt-image-2", b -> b.outputCompression(101).outputFormat(OutputFormat.PNG));

        assertThat(result.errors()).containsExactly(
                new Violation(Violation.Severity.ERROR, "output_compression", "output_compression.range", "101",
                        "output_compression must be between 0 and 100 but was 101"),
                new Violation(Violation.Severity.ERROR, "output_compression", "output_compression.requires_format",
                        "101", "output_compression applies only to output_format jpeg or webp but output_format is png"));
    }

    @Test
    void outputCompressionWithoutFormatSaysTheFormatIsUnset() {
        ValidationResult result = validate("gpt-image-1", b -> b.outputCompression(80));

        assertThat(result.errors()).extracting(Violation::message).containsExactly(
                "output_compression applies only to output_format jpeg or webp but output_format is unset");
    }

    // ---- moderation ----

    static Stream<Arguments> moderationsOnEachModel() {
        return eachModelWith((Object[]) Moderation.values());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("moderationsOnEachModel")
    void everyVendorModelAcceptsLowAndAutoModeration(String model, Moderation moderation) {
        ValidationResult result = validate(model, b -> b.moderation(moderation));

        assertThat(result.violations()).isEmpty();
    }

    @Test
    void moderationHasExactlyTheTwoVendorLevels() {
        Moderation[] levels = Moderation.values();

        assertThat(levels).extracting(Moderation::wireName).containsExactly("auto", "low");
    }

    @Test
    void aModelThatRestrictsModerationExplainsWhichItAccepts() {
        ModelSpec spec = ModelSpec.builder("custom").known(true).moderations(Moderation.AUTO).build();

        ValidationResult result = spec.validate(ImageRequest.builder(PROMPT).moderation(Moderation.LOW).build());

        assertThat(result.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "moderation",
                "moderation.one_of", "low", "moderation low is not supported by model custom; use one of auto"));
    }

    // ---- stream and partial_images ----

    static Stream<Arguments> partialImages() {
        List<Arguments> rows = new ArrayList<>();
        for (String model : MODELS) {
            rows.add(Arguments.of(model, -1, true, "partial_images.range"));
            rows.add(Arguments.of(model, 0, true, null));
            rows.add(Arguments.of(model, 3, true, null));
            rows.add(Arguments.of(model, 4, true, "partial_images.range"));
            rows.add(Arguments.of(model, 2, false, "partial_images.requires_stream"));
            rows.add(Arguments.of(model, 2, null, "partial_images.requires_stream"));
            rows.add(Arguments.of(model, 0, null, "partial_images.requires_stream"));
            rows.add(Arguments.of(model, 4, false, "partial_images.range partial_images.requires_stream"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} partial_images={1} stream={2}: {3}")
    @MethodSource("partialImages")
    void partialImagesIsZeroToThreeAndOnlyWhenStreaming(String model, int partial, @Nullable Boolean stream,
                                                       @Nullable String rule) {
        ValidationResult result = validate(model, b -> b.partialImages(partial).stream(stream));

        assertThat(rules(result.violations())).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void partialImagesErrorsAreExplained() {
        ValidationResult result = validate("gpt-image-2", b -> b.partialImages(4));

        assertThat(result.errors()).containsExactly(
                new Violation(Violation.Severity.ERROR, "partial_images", "partial_images.range", "4",
                        "partial_images must be between 0 and 3 but was 4"),
                new Violation(Violation.Severity.ERROR, "partial_images", "partial_images.requires_stream", "4",
                        "partial_images is only used when stream is true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"})
    void everyVendorModelSupportsStreaming(String model) {
        ValidationResult result = validate(model, b -> b.stream(true));

        assertThat(CATALOG.specFor(model).supportsStreaming()).isTrue();
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void streamingOnAModelWithoutStreamingIsRefused() {
        ModelSpec spec = ModelSpec.builder("custom").known(true).streaming(false).build();

        ValidationResult streamed = spec.validate(ImageRequest.builder(PROMPT).stream(true).build());
        ValidationResult notStreamed = spec.validate(ImageRequest.builder(PROMPT).stream(false).build());

        assertThat(streamed.errors()).containsExactly(new Violation(Violation.Severity.ERROR, "stream",
                "stream.not_supported", "true", "stream is not supported by model custom; use generate() instead"));
        assertThat(notStreamed.violations()).isEmpty();
    }

    // ---- models the catalog does not list ----

    @Test
    void anUnknownModelGetsTheGenericRulesAndAWarning() {
        ValidationResult result = validate("dall-e-9", b -> b.size(ImageSize.of(777, 333)));

        assertThat(result.modelId()).isEqualTo("dall-e-9");
        assertThat(result.isValid()).isTrue();
        assertThat(result.violations()).containsExactly(new Violation(Violation.Severity.WARNING, "model",
                "model.unknown", "dall-e-9", "model 'dall-e-9' is not in the catalog; it is sent as is and "
                        + "checked only against the generic rules"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1x1", "777x333", "4096x4096", "10000x10", "auto"})
    void anUnknownModelAcceptsAnySize(String size) {
        ValidationResult result = validate("dall-e-9", b -> b.size(ImageSize.parse(size)));

        assertThat(result.errors()).isEmpty();
        assertThat(rules(result.warnings())).containsExactly("model.unknown");
    }

    @Test
    void anUnknownModelAcceptsATransparentBackgroundAsPng() {
        ValidationResult result = validate("dall-e-9",
                b -> b.background(Background.TRANSPARENT).outputFormat(OutputFormat.PNG));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void anUnknownModelStillGetsErrorsForTheGenericRules() {
        ValidationResult result = validate("dall-e-9", b -> b.count(11).outputCompression(50)
                .outputFormat(OutputFormat.PNG).prompt("a".repeat(32_001)));

        assertThat(result.isValid()).isFalse();
        assertThat(rules(result.errors()))
                .containsExactly("prompt.max_length", "n.range", "output_compression.requires_format");
        assertThat(rules(result.warnings())).containsExactly("model.unknown");
        assertThat(rules(result.violations()))
                .containsExactly("prompt.max_length", "model.unknown", "n.range", "output_compression.requires_format");
    }

    // ---- every violation at once, and the exception ----

    private static ImageRequest breakingFourRules() {
        return ImageRequest.builder("  \n")
                .model("gpt-image-2")
                .count(0)
                .size(ImageSize.of(1024, 1032))
                .background(Background.TRANSPARENT)
                .outputFormat(OutputFormat.PNG)
                .build();
    }

    @Test
    void validateReportsEveryViolationAtOnceInFieldOrder() {
        ImageRequest request = breakingFourRules();

        ValidationResult result = CATALOG.validate(request);

        assertThat(result.errors()).hasSize(4);
        assertThat(result.errors()).extracting(Violation::field).containsExactly("prompt", "n", "size", "background");
        assertThat(rules(result.errors()))
                .containsExactly("prompt.blank", "n.range", "size.multiple_of", "background.one_of");
        assertThat(result.errors()).extracting(Violation::value).containsExactly(null, "0", "1024x1032", "transparent");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void validateKeepsFieldOrderWhenEveryFieldIsWrong() {
        ImageRequest request = ImageRequest.builder("")
                .model("gpt-image-1-mini-plus")
                .count(11)
                .size(ImageSize.of(2048, 2048))
                .quality(Quality.HIGH)
                .background(Background.TRANSPARENT)
                .outputFormat(OutputFormat.PNG)
                .outputCompression(101)
                .moderation(Moderation.LOW)
                .partialImages(4)
                .build();

        ValidationResult result = CATALOG.validate(request);

        assertThat(result.errors()).extracting(Violation::field).containsExactly("prompt", "n", "size", "quality",
                "background", "output_compression", "output_compression", "partial_images", "partial_images");
        assertThat(rules(result.errors())).containsExactly("prompt.blank", "n.range", "size.one_of",
                "quality.not_accepted", "background.one_of", "output_compression.range",
                "output_compression.requires_format", "partial_images.range", "partial_images.requires_stream");
    }

    @Test
    void throwIfInvalidThrowsEveryErrorWithAMessageListingThem() {
        ValidationResult result = CATALOG.validate(breakingFourRules());

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> result.throwIfInvalid("gptproto"));

        assertThat(thrown.violations()).isEqualTo(result.errors());
        assertThat(thrown.violations()).extracting(Violation::rule)
                .containsExactly("prompt.blank", "n.range", "size.multiple_of", "background.one_of");
        assertThat(thrown.getMessage()).isEqualTo("Invalid request for model gpt-image-2: prompt must not be blank; "
                + "n must be between 1 and 10 on model gpt-image-2 but was 0; "
                + "size 1024x1032: both sides must be multiples of 16 px on model gpt-image-2; "
                + "background transparent is not supported by model gpt-image-2; use one of auto, opaque "
                + "(provider gptproto)");
        assertThat(thrown.param()).contains("prompt");
        assertThat(thrown.providerId()).contains("gptproto");
        assertThat(thrown.httpStatus()).isEmpty();
        assertThat(thrown.isRetryable()).isFalse();
    }

    @Test
    void throwIfInvalidLeavesWarningsOutOfTheException() {
        ValidationResult result = validate("dall-e-9", b -> b.count(11));

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> result.throwIfInvalid("gptproto"));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("n.range");
        assertThat(thrown.getMessage()).isEqualTo("Invalid request for model dall-e-9: "
                + "n must be between 1 and 10 on model dall-e-9 but was 11 (provider gptproto)");
        assertThat(thrown.param()).contains("n");
    }

    @Test
    void throwIfInvalidReturnsTheWarningMessagesOfAValidRequest() {
        ValidationResult result = validate("dall-e-9", b -> b.size(ImageSize.of(777, 333)));

        List<String> warnings = result.throwIfInvalid("gptproto");

        assertThat(warnings).containsExactly("model 'dall-e-9' is not in the catalog; it is sent as is and "
                + "checked only against the generic rules");
    }

    @Test
    void throwIfInvalidReturnsNothingForACleanRequest() {
        ValidationResult result = validate("gpt-image-2", b -> b.size(ImageSize.of(1536, 1024)));

        List<String> warnings = result.throwIfInvalid("gptproto");

        assertThat(warnings).isEmpty();
    }

    // ---- the spec itself ----

    @Test
    void builderStartsFromTheGenericRules() {
        ModelSpec spec = ModelSpec.builder("custom").build();

        assertThat(spec.isKnown()).isFalse();
        assertThat(spec.sizes()).isEqualTo(SizeRule.any());
        assertThat(spec.qualities()).containsExactly(Quality.values());
        assertThat(spec.backgrounds()).containsExactly(Background.values());
        assertThat(spec.transparencyFormats()).containsExactly(OutputFormat.PNG, OutputFormat.WEBP);
        assertThat(spec.formats()).containsExactly(OutputFormat.values());
        assertThat(spec.compressionFormats()).containsExactly(OutputFormat.JPEG, OutputFormat.WEBP);
        assertThat(spec.compression()).isEqualTo(IntRange.of(0, 100));
        assertThat(spec.moderations()).containsExactly(Moderation.values());
        assertThat(spec.count()).isEqualTo(IntRange.of(1, 10));
        assertThat(spec.partialImages()).isEqualTo(IntRange.of(0, 3));
        assertThat(spec.maxPromptLength()).isEqualTo(32_000);
        assertThat(spec.supportsStreaming()).isTrue();
    }

    @Test
    void specSetsCannotBeModified() {
        ModelSpec spec = ModelSpec.builder("custom").qualities().build();

        Set<Quality> qualities = spec.qualities();

        assertThat(qualities).isEmpty();
        assertThatThrownBy(() -> qualities.add(Quality.HIGH)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.formats().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRefusesABlankId() {
        assertThatThrownBy(() -> ModelSpec.builder(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model id must not be blank");
    }

    @Test
    void builderRefusesANonPositivePromptLimit() {
        ModelSpec.Builder builder = ModelSpec.builder("custom");

        assertThatThrownBy(() -> builder.maxPromptLength(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPromptLength must be positive but was 0");
    }

    @Test
    void toBuilderCopiesTheSpecWithoutSharingItsSets() {
        ModelSpec base = CATALOG.specFor("gpt-image-1");

        ModelSpec copy = base.toBuilder().id("copy").qualities(Quality.LOW).build();

        assertThat(copy.id()).isEqualTo("copy");
        assertThat(copy.isKnown()).isTrue();
        assertThat(copy.sizes()).isEqualTo(base.sizes());
        assertThat(copy.qualities()).containsExactly(Quality.LOW);
        assertThat(base.qualities()).containsExactly(Quality.values());
    }
}
