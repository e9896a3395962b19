package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.completedImages;
import static dev.imagegen4j.mock.TestImages.countDifferences;
import static dev.imagegen4j.mock.TestImages.decode;
import static dev.imagegen4j.mock.TestImages.imagesOf;
import static dev.imagegen4j.mock.TestImages.newGenerator;
import static dev.imagegen4j.mock.TestImages.pixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.Background;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.Usage;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ImageProvider;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The mock provider's gpt-image models, through core's generator as users hold it. */
class MockImageProviderTest {
    private static final String PROMPT = "a lighthouse at dusk";

    private final MockBehavior behavior = new MockBehavior();
    private final ImageGenerator generator = newGenerator(behavior);

    @AfterEach
    void closeGenerator() {
        generator.close();
    }

    /** A cheap valid request: gpt-image-2's smallest sizes are well under a megapixel. */
    private static ImageRequest.Builder small(String prompt) {
        return ImageRequest.builder(prompt).model("gpt-image-2").size(ImageSize.of(1024, 640)).quality(Quality.LOW);
    }

    /** What the response reports it used: size, quality, background and output format. */
    private static List<String> effectiveSettings(ImageResponse response) {
        return Arrays.asList(response.size(), response.quality(), response.background(), response.outputFormat());
    }

    // ---- discovery ----

    @Test
    void isFoundByServiceLoaderUnderTheIdMock() {
        ImageProvider provider = ImageProviders.get("mock");

        assertThat(provider).isInstanceOf(MockImageProvider.class);
        assertThat(provider.id()).isEqualTo("mock");
        assertThat(provider.models().defaultModel()).isEqualTo("gpt-image-1");
        assertThat(provider.models().models()).extracting(ModelSpec::id).containsExactly("gpt-image-1",
                "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2", "flux-kontext-pro", "doubao-seedream-3-0-t2i-250415",
                "gemini-2.5-flash-image", "mock-ratio", "mock-edit", "mock-async");
        assertThat(provider.models().models()).startsWith(GptImageModels.catalog().models().toArray(ModelSpec[]::new));
    }

    @Test
    void listsItsSettingsWithTheKeyAsSecret() {
        List<String> keys = new MockImageProvider().settings().stream().map(setting -> setting.key()
                + (setting.secret() ? " (secret)" : "")).toList();

        assertThat(keys).containsExactly("fault", "fault-count", "latency", "retry-after", "timeout",
                "job-time", "job-outcome", "api-key (secret)");
    }

    // ---- determinism ----

    @Test
    void givesByteIdenticalImagesForTheSameRequestTwice() {
        ImageRequest request = small(PROMPT).build();

        byte[] first = generator.generate(request).image().bytes();
        byte[] second = generator.generate(request).image().bytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void givesByteIdenticalImagesFromTwoSeparateGenerators() {
        ImageRequest request = small(PROMPT).outputFormat(OutputFormat.WEBP).build();

        byte[] fromThis = generator.generate(request).image().bytes();
        byte[] fromOther;
        try (ImageGenerator other = newGenerator()) {
            fromOther = other.generate(request).image().bytes();
        }

        assertThat(fromOther).isEqualTo(fromThis);
    }

    @Test
    void drawsThePixelsRecordedForAKnownRequest() throws Exception {
        ImageRequest request = small(PROMPT).outputFormat(OutputFormat.PNG).build();

        BufferedImage decoded = decode(generator.generate(request).image().bytes());

        // Recorded once, from pixels rather than PNG bytes, which also depend on the JDK's zlib. A change
        // here changes every image users may have stored expectations about: change the drawing only on
        // purpose, then bump the version in MockPlan's image seed and record the new hash (now v3).
        assertThat(sha256(pixels(decoded)))
                .isEqualTo("07c1a9ac4d8749d469db973fb00e764fa793848e016a6f3ae46c87a7f468dc9c");
    }

    private static String sha256(int[] pixels) throws Exception {
        ByteBuffer argb = ByteBuffer.allocate(pixels.length * 4);
        argb.asIntBuffer().put(pixels);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(argb.array()));
    }

    @Test
    void givesVisiblyDifferentImagesForADifferentPrompt() {
        ImageRequest request = small(PROMPT).build();
        ImageRequest otherPrompt = small("a lighthouse at dawn").build();

        int[] first = pixels(decode(generator.generate(request).image().bytes()));
        int[] second = pixels(decode(generator.generate(otherPrompt).image().bytes()));

        // Not just the caption: the prompt picks the colours, so most of the picture changes.
        assertThat(countDifferences(first, second)).isGreaterThan(first.length / 2);
    }

    @Test
    void givesDifferentImagesForEachIndexWithinN() {
        ImageRequest request = small(PROMPT).count(3).build();

        ImageResponse response = generator.generate(request);

        assertThat(response.images()).hasSize(3);
        assertThat(response.images()).extracting(TestImages::bytesOf).doesNotHaveDuplicates();
    }

    // ---- sizes and formats ----

    static Stream<Arguments> sizesAndFormats() {
        return Stream.of(
                Arguments.of("gpt-image-1", ImageSize.AUTO, OutputFormat.PNG, 1024, 1024, ImageFormat.PNG),
                Arguments.of("gpt-image-1", ImageSize.of(1536, 1024), OutputFormat.JPEG, 1536, 1024, ImageFormat.JPEG),
                Arguments.of("gpt-image-1", ImageSize.of(1024, 1536), OutputFormat.WEBP, 1024, 1536, ImageFormat.WEBP),
                Arguments.of("gpt-image-1", ImageSize.ratio(3, 2), OutputFormat.PNG, 1536, 1024, ImageFormat.PNG),
                Arguments.of("gpt-image-2", ImageSize.of(2048, 1152), OutputFormat.PNG, 2048, 1152, ImageFormat.PNG),
                Arguments.of("gpt-image-2", ImageSize.of(1024, 640), OutputFormat.JPEG, 1024, 640, ImageFormat.JPEG),
                Arguments.of("gpt-image-2", ImageSize.of(640, 1024), OutputFormat.WEBP, 640, 1024, ImageFormat.WEBP),
                Arguments.of("gpt-image-2", ImageSize.AUTO, OutputFormat.AUTO, 1024, 1024, ImageFormat.PNG));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}x{4} {5}")
    @MethodSource("sizesAndFormats")
    void producesImagesOfExactlyTheRequestedSizeAndFormat(String model, ImageSize size, OutputFormat format,
                                                          int width, int height, ImageFormat sniffed) {
        ImageRequest request = ImageRequest.builder(PROMPT).model(model).size(size).outputFormat(format)
                .quality(Quality.LOW).build();

        GeneratedImage image = generator.generate(request).image();
        BufferedImage decoded = decode(image.bytes());

        assertThat(image.format()).isEqualTo(sniffed);
        assertThat(image.size()).isEqualTo(ImageSize.of(width, height));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transparentFormats")
    void givesATransparentBackgroundRealTransparentPixels(OutputFormat format, ImageFormat sniffed) {
        ImageRequest request = ImageRequest.builder(PROMPT).model("gpt-image-1").quality(Quality.LOW)
                .background(Background.TRANSPARENT).outputFormat(format).build();

        ImageResponse response = generator.generate(request);
        BufferedImage decoded = decode(response.image().bytes());

        assertThat(response.image().format()).isEqualTo(sniffed);
        assertThat(response.background()).isEqualTo("transparent");
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(alphaCounts(decoded)).satisfies(counts -> {
            assertThat(counts.transparent()).as("pixels with alpha 0").isPositive();
            assertThat(counts.opaque()).as("pixels with alpha 255").isPositive();
        });
    }

    static Stream<Arguments> transparentFormats() {
        return Stream.of(Arguments.of(OutputFormat.PNG, ImageFormat.PNG),
                Arguments.of(OutputFormat.WEBP, ImageFormat.WEBP));
    }

    @Test
    void givesAnOpaqueBackgroundNoTransparentPixels() {
        ImageRequest request = ImageRequest.builder(PROMPT).model("gpt-image-1").quality(Quality.LOW)
                .background(Background.OPAQUE).outputFormat(OutputFormat.PNG).build();

        BufferedImage decoded = decode(generator.generate(request).image().bytes());

        assertThat(alphaCounts(decoded).transparent()).isZero();
    }

    private record AlphaCounts(long transparent, long opaque) {
    }

    private static AlphaCounts alphaCounts(BufferedImage image) {
        long transparent = 0;
        long opaque = 0;
        for (int pixel : pixels(image)) {
            int alpha = pixel >>> 24;
            if (alpha == 0) {
                transparent++;
            } else if (alpha == 0xFF) {
                opaque++;
            }
        }
        return new AlphaCounts(transparent, opaque);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressibleFormats")
    void makesSmallerFilesAtALowerOutputCompression(OutputFormat format) {
        ImageRequest.Builder request = ImageRequest.builder(PROMPT).model("gpt-image-1").quality(Quality.LOW)
                .outputFormat(format);

        long atTen = generator.generate(request.outputCompression(10).build()).image().byteCount();
        long atHundred = generator.generate(request.outputCompression(100).build()).image().byteCount();

        assertThat(atTen).isLessThan(atHundred);
    }

    static Stream<OutputFormat> compressibleFormats() {
        return Stream.of(OutputFormat.JPEG, OutputFormat.WEBP);
    }

    // ---- validation, which core does before the backend runs ----

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of(ImageRequest.builder(PROMPT).model("gpt-image-1").size(ImageSize.of(2048, 2048)).build(),
                        List.of("size.one_of"),
                        "Invalid request for model gpt-image-1: size 2048x2048 is not accepted by model gpt-image-1; "
                                + "use one of auto, 1024x1024, 1536x1024, 1024x1536 (provider mock)"),
                Arguments.of(ImageRequest.builder(PROMPT).model("gpt-image-2").background(Background.TRANSPARENT)
                                .outputFormat(OutputFormat.PNG).build(),
                        List.of("background.one_of"),
                        "Invalid request for model gpt-image-2: background transparent is not supported by model "
                                + "gpt-image-2; use one of auto, opaque (provider mock)"),
                Arguments.of(ImageRequest.builder(" ").model("gpt-image-1").count(11).outputCompression(50).build(),
                        List.of("prompt.blank", "count.range", "outputCompression.requires_format"),
                        "Invalid request for model gpt-image-1: prompt must not be blank; count must be between 1 "
                                + "and 10 on model gpt-image-1 but was 11; outputCompression applies only to "
                                + "output format jpeg or webp but the output format is unset (provider mock)"),
                Arguments.of(ImageRequest.builder(PROMPT).model("gpt-image-1").seed(7L).build(),
                        List.of("seed.not_supported"),
                        "Invalid request for model gpt-image-1: seed is not supported by model gpt-image-1; it "
                                + "takes prompt, count, size, quality, background, outputFormat, outputCompression, "
                                + "moderation, partialImages, user, images, mask, extras (provider mock)"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void refusesInvalidRequestsWithTheCatalogsViolations(ImageRequest request, List<String> rules, String message) {
        List<Violation> expected = GptImageModels.catalog().validate(request, "mock", ValidationOptions.STRICT)
                .errors();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(request));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactlyElementsOf(rules);
        assertThat(thrown.violations()).isEqualTo(expected);
        assertThat(thrown).hasMessage(message);
        assertThat(thrown.providerId()).contains("mock");
    }

    /** Found by CoreFuzzTest: a blank model made the catalog throw IllegalArgumentException out of generate(). */
    @Test
    void refusesABlankModelAsAnInvalidRequest() {
        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(ImageRequest.builder(PROMPT).model("").build()));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("model.blank");
        assertThat(thrown.providerId()).contains("mock");
    }

    @Test
    void refusesAnInvalidRequestBeforeTakingAQueuedFault() {
        ImageRequest invalid = ImageRequest.builder(PROMPT).model("gpt-image-1").size(ImageSize.of(2048, 2048)).build();
        behavior.failNext(MockFault.RATE_LIMIT);

        Throwable first = catchThrowable(() -> generator.generate(invalid));
        Throwable second = catchThrowable(() -> generator.generate(small(PROMPT).build()));

        assertThat(first).isInstanceOf(InvalidRequestException.class);
        assertThat(second).isInstanceOf(RateLimitException.class);
    }

    @Test
    void generatesForAnUnknownModelWithAWarning() {
        ImageRequest request = ImageRequest.builder(PROMPT).model("gpt-image-9").size(ImageSize.of(320, 200)).build();

        ImageResponse response = generator.generate(request);

        assertThat(response.model()).isEqualTo("gpt-image-9");
        assertThat(response.image().size()).isEqualTo(ImageSize.of(320, 200));
        assertThat(response.warnings()).containsExactly(new Warning("model", "gpt-image-9", "model.unknown",
                "model 'gpt-image-9' is not in the catalog; it is sent as is and checked only against the "
                        + "provider's generic rules"));
    }

    @Test
    void reportsNoWarningsForAKnownModel() {
        ImageResponse response = generator.generate(small(PROMPT).build());

        assertThat(response.warnings()).isEmpty();
    }

    @Test
    void refusesPartialImagesWithoutStreaming() {
        ImageRequest request = small(PROMPT).partialImages(2).build();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(request));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("partialImages.requires_stream");
        assertThat(thrown).hasMessage("Invalid request for model gpt-image-2: partialImages applies only when "
                + "streaming; stream the request or leave it unset (provider mock)");
    }

    // ---- usage and effective settings ----

    @Test
    void computesUsageFromThePromptSizeQualityAndCount() {
        // 8 code points in 9 chars: ceil(8 / 4) = 2 input tokens (chars would give 3).
        String prompt = "a fox \uD83E\uDD8A!";
        ImageRequest request = ImageRequest.builder(prompt).model("gpt-image-1").size(ImageSize.of(1536, 1024))
                .count(2).build();

        Usage usage = generator.generate(request).usage();

        // auto quality = medium, 1056 tokens per megapixel; 1536x1024 is 1.5 megapixels: 1584 per image.
        assertThat(usage).isEqualTo(new Usage(2, new Usage.TokenDetails(2, 0), 3168,
                new Usage.TokenDetails(0, 3168), 3170));
    }

    static Stream<Arguments> outputTokensByQuality() {
        return Stream.of(
                Arguments.of(Quality.LOW, ImageSize.of(1024, 1024), 272),
                Arguments.of(Quality.MEDIUM, ImageSize.of(1024, 1024), 1056),
                Arguments.of(Quality.HIGH, ImageSize.of(1024, 1024), 4160),
                Arguments.of(Quality.AUTO, ImageSize.of(1024, 1024), 1056),
                // 1024 * 640 / 1048576 = 0.625 megapixels: round(272 * 0.625) = 170.
                Arguments.of(Quality.LOW, ImageSize.of(1024, 640), 170),
                // 2048 * 1152 / 1048576 = 2.25 megapixels: 4160 * 2.25 = 9360.
                Arguments.of(Quality.HIGH, ImageSize.of(2048, 1152), 9360));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("outputTokensByQuality")
    void chargesOutputTokensByQualityAndPixels(Quality quality, ImageSize size, long outputTokens) {
        ImageRequest request = ImageRequest.builder("abcd").model("gpt-image-2").size(size).quality(quality).build();

        Usage usage = generator.generate(request).usage();

        assertThat(usage.inputTokens()).isEqualTo(1);
        assertThat(usage.outputTokens()).isEqualTo(outputTokens);
        assertThat(usage.totalTokens()).isEqualTo(1 + outputTokens);
    }

    @Test
    void chargesAHundredOutputTokensPerPartialImageWhenStreaming() {
        ImageRequest request = ImageRequest.builder("a red fox").model("gpt-image-1").size(ImageSize.of(1024, 1024))
                .quality(Quality.LOW).count(2).partialImages(3).build();

        Usage usage = generator.stream(request, event -> { }).usage();

        // 2 images * (272 + 3 partial images * 100); "a red fox" is 9 code points: 3 input tokens.
        assertThat(usage).isEqualTo(new Usage(3, new Usage.TokenDetails(3, 0), 1144,
                new Usage.TokenDetails(0, 1144), 1147));
    }

    @Test
    void reportsTheEffectiveSettingsForAutoValues() {
        ImageRequest request = ImageRequest.builder(PROMPT).model("gpt-image-1").size(ImageSize.AUTO)
                .quality(Quality.AUTO).background(Background.AUTO).outputFormat(OutputFormat.AUTO).build();

        ImageResponse response = generator.generate(request);

        assertThat(response.providerId()).isEqualTo("mock");
        assertThat(response.model()).isEqualTo("gpt-image-1");
        assertThat(effectiveSettings(response)).containsExactly("1024x1024", "medium", "opaque", "png");
        assertThat(response.created()).isNotNull();
        assertThat(response.requestId()).matches("req_mock_\\d{8}");
    }

    @Test
    void reportsTheEffectiveSettingsForUnsetValuesAndTheDefaultModel() {
        ImageRequest request = ImageRequest.builder(PROMPT).build();

        ImageResponse response = generator.generate(request);

        assertThat(response.model()).isEqualTo("gpt-image-1");
        assertThat(effectiveSettings(response)).containsExactly("1024x1024", "medium", "opaque", "png");
    }

    @Test
    void reportsTheEffectiveSettingsForExplicitValues() {
        ImageRequest request = small(PROMPT).quality(Quality.HIGH).outputFormat(OutputFormat.JPEG).build();

        ImageResponse response = generator.generate(request);

        assertThat(effectiveSettings(response)).containsExactly("1024x640", "high", "opaque", "jpeg");
    }

    // ---- streaming ----

    @Test
    void streamsPartialImagesThenTheCompletedImageForEachImageInOrder() {
        ImageRequest request = small(PROMPT).count(2).partialImages(3).build();
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response = generator.stream(request, events::add);

        assertThat(events).extracting(TestImages::describe).containsExactly(
                "partial 0.0", "partial 0.1", "partial 0.2", "completed 0",
                "partial 1.0", "partial 1.1", "partial 1.2", "completed 1");
        assertThat(completedImages(events)).containsExactlyElementsOf(imagesOf(response));
    }

    @Test
    void streamsPartialImagesThatAreValidDistinctImagesOfTheFinalSize() {
        ImageRequest request = small(PROMPT).partialImages(3).build();
        List<ImageEvent> events = new ArrayList<>();

        generator.stream(request, events::add);

        assertThat(events).hasSize(4);
        assertThat(events).extracting(event -> TestImages.bytesOf(TestImages.imageOf(event))).doesNotHaveDuplicates();
        for (ImageEvent event : events) {
            BufferedImage decoded = decode(TestImages.imageOf(event).bytes());
            assertThat(TestImages.imageOf(event).format()).isEqualTo(ImageFormat.PNG);
            assertThat(decoded.getWidth()).isEqualTo(1024);
            assertThat(decoded.getHeight()).isEqualTo(640);
        }
    }

    @Test
    void streamsPartialImagesThatGetCloserToTheFinalImage() {
        ImageRequest request = small(PROMPT).partialImages(3).build();
        List<ImageEvent> events = new ArrayList<>();

        generator.stream(request, events::add);
        int[] last = pixels(decode(TestImages.imageOf(events.get(3)).bytes()));
        List<Long> differingPixels = events.subList(0, 3).stream()
                .map(event -> countDifferences(pixels(decode(TestImages.imageOf(event).bytes())), last))
                .toList();

        assertThat(differingPixels).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(differingPixels.get(1)).isLessThan(differingPixels.get(0));
        assertThat(differingPixels.get(2)).isLessThan(differingPixels.get(1));
    }

    @Test
    void streamsTheSameFinalImageThatGenerateGives() {
        ImageRequest request = small(PROMPT).build();
        List<ImageEvent> events = new ArrayList<>();

        generator.stream(request.toBuilder().partialImages(2).build(), events::add);
        byte[] generated = generator.generate(request).image().bytes();

        assertThat(events.get(events.size() - 1)).isInstanceOf(ImageEvent.Completed.class);
        assertThat(TestImages.imageOf(events.get(events.size() - 1)).bytes()).isEqualTo(generated);
    }

    @Test
    void stopsStreamingWithTheExceptionTheListenerThrows() {
        ImageRequest request = small(PROMPT).count(2).partialImages(2).build();
        IllegalStateException failure = new IllegalStateException("listener gave up");
        List<ImageEvent> events = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> generator.stream(request, event -> {
            events.add(event);
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(events).hasSize(1);
    }

    // ---- lifecycle ----

    @Test
    void refusesToGenerateAfterClose() {
        generator.close();

        assertThatThrownBy(() -> generator.generate(small(PROMPT).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this mock generator is closed");
        assertThatThrownBy(() -> generator.stream(small(PROMPT).build(), event -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this mock generator is closed");
    }
}
