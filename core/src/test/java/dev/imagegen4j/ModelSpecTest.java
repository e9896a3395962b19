package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * The neutral rules of {@link ModelSpec#validate}: each setting on both sides of its boundary, not
 * supported (strict) versus dropped (lenient), and every violation at once. The gpt-image catalog's
 * own rules are tested in openai-images' GptImageModelsTest.
 */
class ModelSpecTest {
    private static final String PROMPT = "a lighthouse at dusk";
    private static final String PROVIDER = "p";
    private static final ValidationOptions LENIENT = new ValidationOptions(true, false);
    private static final ValidationOptions STREAMING = new ValidationOptions(false, true);

    /** A model that takes every setting. */
    static final ModelSpec FULL = ModelSpec.builder("full").known(true)
            .count(IntRange.of(1, 10))
            .seeds(0, 4_294_967_295L)
            .negativePrompt(500)
            .qualities(Quality.LOW, Quality.HIGH)
            .backgrounds(Background.AUTO, Background.OPAQUE, Background.TRANSPARENT)
            .transparencyFormats(OutputFormat.PNG, OutputFormat.WEBP)
            .formats(OutputFormat.PNG, OutputFormat.JPEG, OutputFormat.WEBP)
            .compression(IntRange.of(0, 100), OutputFormat.JPEG, OutputFormat.WEBP)
            .moderations(Moderation.AUTO)
            .streaming(IntRange.of(0, 3))
            .user(true)
            .inputImages(IntRange.of(0, 2), 2_000, ImageFormat.PNG, ImageFormat.JPEG)
            .mask(true)
            .extras(ExtraSetting.number("guidance_scale", 1, 10, "how closely to follow the prompt"),
                    ExtraSetting.oneOf("style", "the look", "vivid", "natural"))
            .build();

    /** A model that takes a prompt and nothing else. */
    static final ModelSpec BARE = ModelSpec.builder("bare").known(true).build();

    private static ValidationResult validate(ModelSpec spec, UnaryOperator<ImageRequest.Builder> setUp) {
        return validate(spec, ValidationOptions.STRICT, setUp);
    }

    private static ValidationResult validate(ModelSpec spec, ValidationOptions options,
                                             UnaryOperator<ImageRequest.Builder> setUp) {
        return spec.validate(setUp.apply(ImageRequest.builder(PROMPT)).build(), PROVIDER, options);
    }

    private static List<String> rules(ValidationResult result) {
        return result.errors().stream().map(Violation::rule).toList();
    }

    private static List<String> warningCodes(ValidationResult result) {
        return result.warnings().stream().map(Warning::code).toList();
    }

    private static List<String> codes(@Nullable String cell) {
        return cell == null || cell.isBlank() ? List.of() : List.of(cell.trim().split("\\s+"));
    }

    private static void assertOnlyError(ValidationResult result, String field, String rule, @Nullable String value,
                                        String message) {
        assertThat(result.errors()).containsExactly(new Violation(field, rule, value, message));
        assertThat(result.resolved()).isNull();
    }

    // ---- the spec itself ----

    @Test
    void aNewSpecTakesAPromptAndNothingElse() {
        ModelSpec spec = ModelSpec.builder("custom").build();

        assertThat(spec.isKnown()).isFalse();
        assertThat(spec.settings()).containsExactly("size");
        assertThat(spec.sizes()).isEqualTo(SizeRule.any());
        assertThat(spec.qualities()).isEmpty();
        assertThat(spec.backgrounds()).isEmpty();
        assertThat(spec.formats()).isEmpty();
        assertThat(spec.compressionFormats()).isEmpty();
        assertThat(spec.moderations()).isEmpty();
        assertThat(spec.count()).isEqualTo(IntRange.of(1, 1));
        assertThat(spec.maxImagesPerCall()).isEqualTo(1);
        assertThat(spec.supportsStreaming()).isFalse();
        assertThat(spec.partialImages()).isEqualTo(IntRange.of(0, 0));
        assertThat(spec.maxPromptLength()).isEqualTo(32_000);
        assertThat(spec.seeds()).isNull();
        assertThat(spec.maxNegativePromptLength()).isZero();
        assertThat(spec.inputImages()).isEqualTo(IntRange.of(0, 0));
        assertThat(spec.supportsMask()).isFalse();
        assertThat(spec.supportsUser()).isFalse();
        assertThat(spec.extras()).isEmpty();
        assertThat(spec.acceptsUndeclaredExtras()).isFalse();
    }

    @Test
    void settingsListsWhatAModelTakesInDeclarationOrder() {
        List<String> settings = FULL.settings();

        assertThat(settings).containsExactly("count", "size", "seed", "negativePrompt", "quality", "background",
                "outputFormat", "outputCompression", "moderation", "partialImages", "user", "images", "mask",
                "extras");
    }

    @Test
    void maxImagesPerCallDefaultsToTheMostPerRequestAndNeverExceedsIt() {
        ModelSpec.Builder builder = ModelSpec.builder("m").count(IntRange.of(1, 8));

        assertThat(builder.build().maxImagesPerCall()).isEqualTo(8);
        assertThat(builder.maxImagesPerCall(3).build().maxImagesPerCall()).isEqualTo(3);
        assertThat(builder.maxImagesPerCall(20).build().maxImagesPerCall()).isEqualTo(8);
    }

    @Test
    void builderRefusesImpossibleLimitsNamingThem() {
        ModelSpec.Builder builder = ModelSpec.builder("custom");

        assertThatThrownBy(() -> ModelSpec.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model id must not be blank");
        assertThatThrownBy(() -> builder.maxPromptLength(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPromptLength must be positive but was 0");
        assertThatThrownBy(() -> builder.maxImagesPerCall(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxImagesPerCall must be positive but was 0");
        assertThatThrownBy(() -> builder.negativePrompt(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the longest negative prompt must be positive but was 0");
        assertThatThrownBy(() -> builder.inputImages(IntRange.of(0, 1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be positive but was 0");
        assertThatThrownBy(() -> builder.seeds(5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range min 5 is above max 4");
    }

    @Test
    void toBuilderCopiesTheSpecWithoutSharingItsSets() {
        ModelSpec copy = FULL.toBuilder().id("copy").qualities(Quality.MEDIUM).build();

        assertThat(copy.id()).isEqualTo("copy");
        assertThat(copy.isKnown()).isTrue();
        assertThat(copy.settings()).isEqualTo(FULL.settings());
        assertThat(copy.extras()).isEqualTo(FULL.extras());
        assertThat(copy.qualities()).containsExactly(Quality.MEDIUM);
        assertThat(FULL.qualities()).containsExactly(Quality.LOW, Quality.HIGH);
    }

    @Test
    void specSetsCannotBeModified() {
        assertThatThrownBy(() -> FULL.qualities().add(Quality.AUTO)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FULL.formats().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FULL.extras().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- a plain request, the model id and unknown models ----

    @Test
    void aPlainRequestIsValidAndResolvesToTheModelId() {
        ValidationResult result = validate(FULL, b -> b);

        assertThat(result.isValid()).isTrue();
        assertThat(result.modelId()).isEqualTo("full");
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.resolved()).isEqualTo(ImageRequest.builder(PROMPT).model("full").build());
    }

    @Test
    void anUnknownModelIsCheckedWithAWarning() {
        ValidationResult result = validate(ModelSpec.builder("dall-e-9").build(), b -> b);

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).containsExactly(new Warning("model", "dall-e-9", "model.unknown",
                "model 'dall-e-9' is not in the catalog; it is sent as is and checked only against the provider's "
                        + "generic rules"));
    }

    // ---- settings a model does not take: not supported, or dropped when lenient ----

    static Stream<Arguments> unsupportedSettings() {
        InputImage image = TestImages.withAlpha(8, 8);
        return Stream.of(
                Arguments.of("seed", (UnaryOperator<ImageRequest.Builder>) b -> b.seed(7L), "7"),
                Arguments.of("negativePrompt", (UnaryOperator<ImageRequest.Builder>) b -> b.negativePrompt("blurry"),
                        "blurry"),
                Arguments.of("quality", (UnaryOperator<ImageRequest.Builder>) b -> b.quality(Quality.HIGH), "high"),
                Arguments.of("background", (UnaryOperator<ImageRequest.Builder>) b -> b.background(Background.OPAQUE),
                        "opaque"),
                Arguments.of("outputFormat", (UnaryOperator<ImageRequest.Builder>) b -> b.outputFormat(OutputFormat.PNG),
                        "png"),
                Arguments.of("outputCompression", (UnaryOperator<ImageRequest.Builder>) b -> b.outputCompression(50),
                        "50"),
                Arguments.of("moderation", (UnaryOperator<ImageRequest.Builder>) b -> b.moderation(Moderation.LOW),
                        "low"),
                Arguments.of("partialImages", (UnaryOperator<ImageRequest.Builder>) b -> b.partialImages(2), "2"),
                Arguments.of("user", (UnaryOperator<ImageRequest.Builder>) b -> b.user("u-1"), "u-1"),
                Arguments.of("images", (UnaryOperator<ImageRequest.Builder>) b -> b.image(image), "1 images"),
                Arguments.of("mask", (UnaryOperator<ImageRequest.Builder>) b -> b.mask(image), image.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedSettings")
    void aSettingTheModelDoesNotTakeIsAnErrorNamingWhatItTakes(String field,
                                                              UnaryOperator<ImageRequest.Builder> setting,
                                                              String value) {
        ValidationResult result = validate(BARE, setting);

        assertOnlyError(result, field, field + ".not_supported", value,
                field + " is not supported by model bare; it takes prompt, size");
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedSettings")
    void aSettingTheModelDoesNotTakeIsDroppedWithAWarningWhenLenient(String field,
                                                                    UnaryOperator<ImageRequest.Builder> setting,
                                                                    String value) {
        ValidationResult result = validate(BARE, LENIENT, setting);

        assertThat(result.errors()).isEmpty();
        assertThat(result.resolved()).isEqualTo(ImageRequest.builder(PROMPT).model("bare").build());
        String why = field.equals("partialImages") ? "model bare does not stream" : "model bare does not take it";
        assertThat(result.warnings()).containsExactly(new Warning(field, "bare", field + ".dropped",
                field + " " + value + " was dropped: " + why + " (lenient mode)"));
    }

    @Test
    void theNotSupportedMessageListsEverySettingTheModelTakes() {
        ModelSpec seedOnly = ModelSpec.builder("seedy").known(true).seeds(0, 9).count(IntRange.of(1, 4)).build();

        ValidationResult result = validate(seedOnly, b -> b.quality(Quality.LOW));

        assertThat(result.errors()).extracting(Violation::message)
                .containsExactly("quality is not supported by model seedy; it takes prompt, count, size, seed");
    }

    @Test
    void aLongNegativePromptIsShortenedInTheViolation() {
        String text = "x".repeat(100);

        ValidationResult result = validate(BARE, b -> b.negativePrompt(text));

        assertThat(result.errors()).extracting(Violation::value).containsExactly("x".repeat(37) + "...");
    }

    @Test
    void anUndeclaredExtraIsAnErrorNamingTheDeclaredOnes() {
        ValidationResult result = validate(FULL, b -> b.extra(PROVIDER, "steps", 30));

        assertOnlyError(result, "extras.p.steps", "extras.not_supported", "30",
                "extras.p.steps is not a setting of model full; its p settings are: guidance_scale, style");
        assertThat(validate(BARE, b -> b.extra(PROVIDER, "steps", 30)).errors()).extracting(Violation::message)
                .containsExactly("extras.p.steps is not a setting of model bare; its p settings are: none");
    }

    @Test
    void anUndeclaredExtraIsDroppedWithAWarningWhenLenient() {
        ValidationResult result = validate(FULL, LENIENT, b -> b.extra(PROVIDER, "steps", 30).extra(PROVIDER, "style",
                "vivid"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.resolved().extras()).isEqualTo(java.util.Map.of(PROVIDER, java.util.Map.of("style", "vivid")));
        assertThat(result.warnings()).containsExactly(new Warning("extras.p.steps", "full", "extras.dropped",
                "extras.p.steps 30 was dropped: model full declares no such setting (lenient mode)"));
    }

    @Test
    void extrasOfOtherProvidersAreNeitherCheckedNorDropped() {
        ValidationResult result = validate(BARE, b -> b.extra("other", "steps", 30));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.resolved().extras("other")).containsEntry("steps", 30);
    }

    @Test
    void aSpecThatAcceptsUndeclaredExtrasPassesThemOnUnchecked() {
        ModelSpec open = BARE.toBuilder().acceptUndeclaredExtras(true).build();

        ValidationResult result = validate(open, b -> b.extra(PROVIDER, "anything", "goes"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.resolved().extras(PROVIDER)).containsEntry("anything", "goes");
        assertThat(open.settings()).containsExactly("size", "extras");
    }

    static Stream<Arguments> invalidExtras() {
        return Stream.of(
                Arguments.of("guidance_scale", 11, "must be between 1 and 10"),
                Arguments.of("guidance_scale", 0.5, "must be between 1 and 10"),
                Arguments.of("guidance_scale", "strong", "must be a number between 1 and 10"),
                Arguments.of("style", "dull", "must be one of vivid, natural"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidExtras")
    void aDeclaredExtraIsCheckedAsItsSettingSays(String name, Object value, String problem) {
        ValidationResult result = validate(FULL, b -> b.extra(PROVIDER, name, value));

        assertOnlyError(result, "extras.p." + name, "extras.invalid", value.toString(),
                "extras.p." + name + " " + problem + " on model full but was " + value);
    }

    @Test
    void declaredExtrasWithinTheirRulesAreSentAsGiven() {
        ValidationResult result = validate(FULL, b -> b.extra(PROVIDER, "guidance_scale", 7.5)
                .extra(PROVIDER, "style", "natural"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.resolved().extras(PROVIDER)).containsExactly(java.util.Map.entry("guidance_scale", 7.5),
                java.util.Map.entry("style", "natural"));
    }

    // ---- count, prompt, seed, negative prompt ----

    @ParameterizedTest
    @CsvSource({"-1, count.range", "0, count.range", "1, ", "10, ", "11, count.range"})
    void countMustBeWithinTheModelsRange(int count, @Nullable String rule) {
        assertThat(rules(validate(FULL, b -> b.count(count)))).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void countOutOfRangeIsExplained() {
        assertOnlyError(validate(FULL, b -> b.count(11)), "count", "count.range", "11",
                "count must be between 1 and 10 on model full but was 11");
    }

    @ParameterizedTest
    @CsvSource({"1, ", "31999, ", "32000, ", "32001, prompt.max_length"})
    void promptMayBeAtMostTheModelsLimit(int length, @Nullable String rule) {
        assertThat(rules(validate(FULL, b -> b.prompt("a".repeat(length))))).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void tooLongPromptIsExplainedWithGroupedNumbersCountingCodePoints() {
        String emoji = "\uD83D\uDDBC";

        assertThat(validate(FULL, b -> b.prompt(emoji.repeat(32_000))).errors()).isEmpty();
        assertOnlyError(validate(FULL, b -> b.prompt(emoji.repeat(32_001))), "prompt", "prompt.max_length",
                "32001 characters", "prompt is 32,001 characters long; model full accepts at most 32,000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "  \n", "\t\r\n"})
    void promptMustNotBeBlank(String prompt) {
        assertOnlyError(validate(FULL, b -> b.prompt(prompt)), "prompt", "prompt.blank", null,
                "prompt must not be blank");
    }

    @Test
    void aBlankPromptLongerThanTheLimitIsOnlyReportedAsBlank() {
        assertThat(rules(validate(FULL, b -> b.prompt(" ".repeat(32_001))))).containsExactly("prompt.blank");
    }

    @ParameterizedTest
    @CsvSource({"-1, seed.range", "0, ", "4294967295, ", "4294967296, seed.range"})
    void seedMustBeWithinTheModelsRange(long seed, @Nullable String rule) {
        ValidationResult result = validate(FULL, b -> b.seed(seed));

        assertThat(rules(result)).containsExactlyElementsOf(codes(rule));
        if (rule != null) {
            assertThat(result.errors()).extracting(Violation::message).containsExactly(
                    "seed must be between 0 and 4294967295 on model full but was " + seed);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, ", "500, ", "501, negativePrompt.max_length"})
    void negativePromptMayBeAtMostTheModelsLimit(int length, @Nullable String rule) {
        assertThat(rules(validate(FULL, b -> b.negativePrompt("n".repeat(length)))))
                .containsExactlyElementsOf(codes(rule));
    }

    @Test
    void negativePromptErrorsAreExplained() {
        assertOnlyError(validate(FULL, b -> b.negativePrompt(" ")), "negativePrompt", "negativePrompt.blank", null,
                "negativePrompt must not be blank; leave it unset for none");
        assertOnlyError(validate(FULL, b -> b.negativePrompt("n".repeat(1_001))), "negativePrompt",
                "negativePrompt.max_length", "1001 characters",
                "negativePrompt is 1,001 characters long; model full accepts at most 500");
    }

    // ---- quality, background, format, compression, moderation ----

    @Test
    void aValueOutsideADeclaredSetIsExplainedWithTheAcceptedOnes() {
        assertOnlyError(validate(FULL, b -> b.quality(Quality.MEDIUM)), "quality", "quality.one_of", "medium",
                "quality medium is not supported by model full; use one of low, high");
        assertOnlyError(validate(FULL, b -> b.outputFormat(OutputFormat.AUTO)), "outputFormat", "outputFormat.one_of",
                "auto", "outputFormat auto is not supported by model full; use one of png, jpeg, webp");
        assertOnlyError(validate(FULL, b -> b.moderation(Moderation.LOW)), "moderation", "moderation.one_of", "low",
                "moderation low is not supported by model full; use one of auto");
        ModelSpec opaqueOnly = FULL.toBuilder().backgrounds(Background.AUTO, Background.OPAQUE).build();
        assertOnlyError(validate(opaqueOnly, b -> b.background(Background.TRANSPARENT).outputFormat(OutputFormat.PNG)),
                "background", "background.one_of", "transparent",
                "background transparent is not supported by model full; use one of auto, opaque");
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
            "transparent, png, ", "transparent, webp, ", "transparent, jpeg, background.requires_format",
            "transparent, , background.requires_format", "opaque, jpeg, ", "opaque, , ", "auto, png, ",
    })
    void aTransparentBackgroundNeedsAFormatThatCarriesIt(String background, @Nullable String format,
                                                         @Nullable String rule) {
        ValidationResult result = validate(FULL, b -> b.background(Background.parse(background))
                .outputFormat(format == null ? null : OutputFormat.parse(format)));

        assertThat(rules(result)).containsExactlyElementsOf(codes(rule));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jpeg | background transparent needs output format png or webp but the output format is jpeg",
            "     | background transparent needs output format png or webp but the output format is unset",
    })
    void aTransparentBackgroundWithoutAFittingFormatIsExplained(@Nullable String format, String message) {
        ValidationResult result = validate(FULL, b -> b.background(Background.TRANSPARENT)
                .outputFormat(format == null ? null : OutputFormat.parse(format)));

        assertOnlyError(result, "background", "background.requires_format", "transparent", message);
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
            "-1, jpeg, outputCompression.range", "0, jpeg, ", "100, webp, ", "101, webp, outputCompression.range",
            "50, png, outputCompression.requires_format", "50, , outputCompression.requires_format",
            "101, png, outputCompression.range outputCompression.requires_format",
    })
    void outputCompressionIsWithinItsRangeAndOnlyForItsFormats(int level, @Nullable String format,
                                                               @Nullable String rule) {
        ValidationResult result = validate(FULL, b -> b.outputCompression(level)
                .outputFormat(format == null ? null : OutputFormat.parse(format)));

        assertThat(rules(result)).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void outputCompressionErrorsAreExplained() {
        ValidationResult result = validate(FULL, b -> b.outputCompression(101).outputFormat(OutputFormat.PNG));

        assertThat(result.errors()).containsExactly(
                new Violation("outputCompression", "outputCompression.range", "101",
                        "outputCompression must be between 0 and 100 but was 101"),
                new Violation("outputCompression", "outputCompression.requires_format", "101",
                        "outputCompression applies only to output format jpeg or webp but the output format is png"));
    }

    // ---- streaming and partial images ----

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"-1, partialImages.range", "0, ", "3, ", "4, partialImages.range"})
    void partialImagesAreWithinTheModelsRangeWhenStreaming(int partial, @Nullable String rule) {
        assertThat(rules(validate(FULL, STREAMING, b -> b.partialImages(partial))))
                .containsExactlyElementsOf(codes(rule));
    }

    @Test
    void partialImagesWithoutStreamingAreAnErrorOrDroppedWhenLenient() {
        ValidationResult strict = validate(FULL, b -> b.partialImages(2));
        ValidationResult lenient = validate(FULL, LENIENT, b -> b.partialImages(2));

        assertOnlyError(strict, "partialImages", "partialImages.requires_stream", "2",
                "partialImages applies only when streaming; stream the request or leave it unset");
        assertThat(lenient.resolved().partialImages()).isNull();
        assertThat(lenient.warnings()).containsExactly(new Warning("partialImages", "full", "partialImages.dropped",
                "partialImages 2 was dropped: partial images apply only when streaming (lenient mode)"));
    }

    @Test
    void streamingAModelThatDoesNotStreamIsAnErrorOrAWarningWhenLenient() {
        ValidationResult strict = validate(BARE, STREAMING, b -> b);
        ValidationResult lenient = validate(BARE, new ValidationOptions(true, true), b -> b);

        assertOnlyError(strict, "stream", "stream.not_supported", "true",
                "model bare does not stream; use generate() instead");
        assertThat(lenient.isValid()).isTrue();
        assertThat(lenient.warnings()).containsExactly(new Warning("stream", "bare", "stream.dropped",
                "model bare does not stream; each image is delivered when it is complete"));
        assertThat(validate(FULL, STREAMING, b -> b).errors()).isEmpty();
    }

    // ---- reference images and masks ----

    @ParameterizedTest(name = "{0} images: {1}")
    @CsvSource({"0, ", "1, ", "2, ", "3, images.count"})
    void referenceImagesAreWithinTheModelsCount(int count, @Nullable String rule) {
        InputImage image = TestImages.opaque(8, 8);

        ValidationResult result = validate(FULL, b -> b.images(java.util.Collections.nCopies(count, image)));

        assertThat(rules(result)).containsExactlyElementsOf(codes(rule));
    }

    @Test
    void referenceImageErrorsAreExplained() {
        InputImage image = TestImages.opaque(8, 8);
        ModelSpec exactlyOne = FULL.toBuilder().inputImages(IntRange.of(1, 1), 2_000, ImageFormat.PNG).build();

        assertOnlyError(validate(FULL, b -> b.images(List.of(image, image, image))), "images", "images.count", "3",
                "model full takes between 0 and 2 reference images but was given 3");
        assertThat(validate(exactlyOne, b -> b).errors()).extracting(Violation::message)
                .containsExactly("model full takes 1 reference image but was given 0");
    }

    @Test
    void referenceImagesMustHaveAnAcceptedFormatAndSize() {
        InputImage webp = InputImage.of(TestImages.webp("lossy-33x17.webp"));
        InputImage large = TestImages.opaque(200, 200);

        ValidationResult result = validate(FULL, b -> b.image(TestImages.opaque(8, 8)).image(webp));
        ValidationResult tooLarge = validate(FULL, b -> b.image(large));

        assertOnlyError(result, "images", "images.format", webp.toString(),
                "reference image 2 is WEBP; model full takes PNG, JPEG");
        assertThat(large.byteCount()).isGreaterThan(2_000);
        assertOnlyError(tooLarge, "images", "images.max_bytes", large.toString(), String.format(java.util.Locale.ROOT,
                "reference image 1 is %,d bytes; model full takes at most 2,000", large.byteCount()));
    }

    @Test
    void aMaskOfTheFirstImagesSizeWithAlphaIsValid() {
        ValidationResult result = validate(FULL, b -> b.image(TestImages.opaque(16, 8))
                .mask(TestImages.withAlpha(16, 8)));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void aMaskNeedsAReferenceImage() {
        InputImage mask = TestImages.withAlpha(16, 8);

        assertOnlyError(validate(FULL, b -> b.mask(mask)), "mask", "mask.requires_image", mask.toString(),
                "a mask needs a reference image to apply to");
    }

    @Test
    void aMaskMustMatchTheFirstImagesSize() {
        InputImage mask = TestImages.withAlpha(8, 16);

        assertOnlyError(validate(FULL, b -> b.image(TestImages.opaque(16, 8)).mask(mask)), "mask",
                "mask.size_mismatch", mask.toString(),
                "the mask is 8x16 but the first reference image is 16x8; they must be the same size");
    }

    @Test
    void aMaskMustHaveAnAlphaChannel() {
        InputImage mask = TestImages.opaque(16, 8);

        assertOnlyError(validate(FULL, b -> b.image(TestImages.opaque(16, 8)).mask(mask)), "mask", "mask.no_alpha",
                mask.toString(), "the mask has no alpha channel; its transparent pixels mark where to edit");
    }

    @Test
    void aMaskIsCheckedForFormatSizeAndAlphaAtOnce() {
        InputImage mask = InputImage.of(TestImages.jpeg(9, 9));
        ModelSpec pngOnly = FULL.toBuilder().inputImages(IntRange.of(0, 2), 2_000, ImageFormat.PNG).build();

        ValidationResult result = validate(pngOnly, b -> b.image(TestImages.opaque(16, 8)).mask(mask));

        assertThat(rules(result)).containsExactly("mask.format", "mask.size_mismatch", "mask.no_alpha");
    }

    // ---- sizes ----

    @Test
    void theSizeIsResolvedByTheModelsRule() {
        ModelSpec fixed = FULL.toBuilder().sizes(SizeRuleTest.FIXED).build();

        ValidationResult ratio = validate(fixed, b -> b.size(ImageSize.ratio(3, 2)));
        ValidationResult lenient = validate(fixed, LENIENT, b -> b.size(ImageSize.of(1000, 1000)));
        ValidationResult refused = validate(fixed, b -> b.size(ImageSize.of(1000, 1000)));

        assertThat(ratio.resolved().size()).isEqualTo(ImageSize.of(1536, 1024));
        assertThat(ratio.warnings()).isEmpty();
        assertThat(lenient.resolved().size()).isEqualTo(ImageSize.of(1024, 1024));
        assertThat(warningCodes(lenient)).containsExactly("size.mapped");
        assertThat(rules(refused)).containsExactly("size.one_of");
    }

    // ---- every violation at once, and the exception ----

    private static ImageRequest breakingEveryRule() {
        return ImageRequest.builder("")
                .count(11)
                .size(ImageSize.ratio(21, 9))
                .seed(-1L)
                .negativePrompt(" ")
                .quality(Quality.MEDIUM)
                .background(Background.TRANSPARENT)
                .outputFormat(OutputFormat.JPEG)
                .outputCompression(101)
                .moderation(Moderation.LOW)
                .partialImages(4)
                .image(TestImages.opaque(16, 8))
                .mask(TestImages.opaque(8, 8))
                .extra(PROVIDER, "style", "dull")
                .build();
    }

    @Test
    void validateReportsEveryViolationAtOnceInFieldOrder() {
        ModelSpec spec = FULL.toBuilder().sizes(SizeRuleTest.RATIOS).build();

        ValidationResult result = spec.validate(breakingEveryRule(), PROVIDER, STREAMING);

        assertThat(result.errors()).extracting(Violation::field).containsExactly("prompt", "count", "size", "seed",
                "negativePrompt", "quality", "background", "outputCompression", "moderation", "partialImages",
                "mask", "mask", "extras.p.style");
        assertThat(rules(result)).containsExactly("prompt.blank", "count.range", "size.ratio_one_of", "seed.range",
                "negativePrompt.blank", "quality.one_of", "background.requires_format", "outputCompression.range",
                "moderation.one_of", "partialImages.range", "mask.size_mismatch", "mask.no_alpha", "extras.invalid");
        assertThat(result.warnings()).isEmpty();
        assertThat(result.resolved()).isNull();
    }

    @Test
    void requireValidThrowsEveryErrorWithAMessageListingThem() {
        ValidationResult result = validate(FULL, b -> b.prompt(" ").count(0).seed(-1L));

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> result.requireValid("gptproto"));

        assertThat(thrown.violations()).isEqualTo(result.errors());
        assertThat(thrown.getMessage()).isEqualTo("Invalid request for model full: prompt must not be blank; "
                + "count must be between 1 and 10 on model full but was 0; "
                + "seed must be between 0 and 4294967295 on model full but was -1 (provider gptproto)");
        assertThat(thrown.param()).contains("prompt");
        assertThat(thrown.providerId()).contains("gptproto");
        assertThat(thrown.httpStatus()).isEmpty();
        assertThat(thrown.isRetryable()).isFalse();
    }

    @Test
    void requireValidReturnsTheResolvedRequestAndLeavesWarningsInTheResult() {
        ValidationResult result = validate(BARE, LENIENT, b -> b.seed(3L));

        ImageRequest resolved = result.requireValid("gptproto");

        assertThat(resolved).isEqualTo(ImageRequest.builder(PROMPT).model("bare").build());
        assertThat(warningCodes(result)).containsExactly("seed.dropped");
    }

    @Test
    void aResultHasAResolvedRequestExactlyWhenItHasNoErrors() {
        Violation error = Violation.of("count", "count.range", 0, "count must be positive");
        ImageRequest request = ImageRequest.builder(PROMPT).build();

        assertThatThrownBy(() -> new ValidationResult("m", List.of(error), List.of(), request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a valid result has a resolved request, an invalid one has none");
        assertThatThrownBy(() -> new ValidationResult("m", List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a valid result has a resolved request, an invalid one has none");
    }

    @Test
    void runsTheRulesOfTheSpecWithTheOtherChecksAndNamesTheSpecTheyRunFor() {
        RequestRule strengthNeedsAnImage = (request, model, providerId) -> request.extras(providerId).containsKey("strength")
                && request.images().isEmpty()
                ? List.of(Violation.of("extras." + providerId + ".strength", "extras.requires_image", null,
                        "strength needs a reference image on model " + model.id()))
                : List.of();
        ModelSpec spec = ModelSpec.builder("ruled").known(true).extras(ExtraSetting.number("strength", 0, 1, "how much"))
                .rule(strengthNeedsAnImage).build();

        ValidationResult result = spec.toBuilder().id("copy").build().validate(ImageRequest.builder(" ")
                .extra("p", "strength", 0.5).build(), "p");

        assertThat(result.errors()).extracting(Violation::rule).containsExactly("prompt.blank", "extras.requires_image");
        assertThat(result.errors().get(1).message()).isEqualTo("strength needs a reference image on model copy");
    }
}
