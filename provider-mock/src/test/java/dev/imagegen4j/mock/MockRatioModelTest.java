package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.decode;
import static dev.imagegen4j.mock.TestImages.emptyConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.Violation;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mock-ratio: aspect-ratio sizes with tiers, seeds, negative prompts, the extra style, one image per call. */
class MockRatioModelTest {
    private static final String PROMPT = "a harbour at noon";

    private final ImageGenerator generator = TestImages.newGenerator();

    @AfterEach
    void closeGenerator() {
        generator.close();
    }

    private static ImageRequest.Builder ratio(String prompt) {
        return ImageRequest.builder(prompt).model("mock-ratio");
    }

    private byte[] bytes(ImageRequest.Builder request) {
        return generator.generate(request.build()).image().bytes();
    }

    /** Each ratio, in lowest terms scaled to about a megapixel at the usual (1K) resolution and four in the 2K tier. */
    static Stream<Arguments> ratios() {
        return Stream.of(
                Arguments.of("1:1", 1024, 1024), Arguments.of("16:9", 1360, 765), Arguments.of("21:9", 1561, 669),
                Arguments.of("2:3", 836, 1254), Arguments.of("3:2", 1254, 836), Arguments.of("4:5", 916, 1145),
                Arguments.of("5:4", 1145, 916), Arguments.of("9:16", 765, 1360), Arguments.of("9:21", 669, 1561),
                Arguments.of("16:9@1K", 1360, 765), Arguments.of("16:9@2K", 2736, 1539),
                Arguments.of("2:3@2K", 1672, 2508));
    }

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @MethodSource("ratios")
    void drawsAnImageOfExactlyTheRequestedShape(String size, int width, int height) {
        ImageSize.AspectRatio requested = (ImageSize.AspectRatio) ImageSize.parse(size);

        ImageResponse response = generator.generate(ratio(PROMPT).size(requested).build());
        BufferedImage decoded = decode(response.image().bytes());

        assertThat(response.image().size()).isEqualTo(ImageSize.of(width, height));
        assertThat(requested.sameShape(response.image().size())).as("%s is %s", response.image(), size).isTrue();
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        assertThat(response.size()).isEqualTo(width + "x" + height);
    }

    @Test
    void refusesARatioItDoesNotListAndATierItDoesNotHave() {
        ImageRequest request = ratio(PROMPT).size(ImageSize.parse("5:3@4K")).build();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(request));

        assertThat(thrown.violations()).extracting(Violation::rule)
                .containsExactly("size.ratio_one_of", "size.tier_not_accepted");
        assertThat(thrown).hasMessage("Invalid request for model mock-ratio: size 5:3@4K is not accepted by model "
                + "mock-ratio; use one of auto, 1:1, 16:9, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21; size 5:3@4K: model "
                + "mock-ratio takes the tiers 1K, 2K (provider mock)");
    }

    @Test
    void repeatsTheImageForTheSameSeedAndChangesItForAnother() {
        byte[] first = bytes(ratio(PROMPT).seed(42L));
        byte[] again = bytes(ratio(PROMPT).seed(42L));
        byte[] other = bytes(ratio(PROMPT).seed(43L));
        byte[] unseeded = bytes(ratio(PROMPT));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(unseeded).isNotEqualTo(first).isNotEqualTo(other);
    }

    @Test
    void changesTheImageForANegativePrompt() {
        byte[] plain = bytes(ratio(PROMPT));
        byte[] negative = bytes(ratio(PROMPT).negativePrompt("boats"));
        byte[] otherNegative = bytes(ratio(PROMPT).negativePrompt("gulls"));

        assertThat(negative).isNotEqualTo(plain).isNotEqualTo(otherNegative);
    }

    @Test
    void changesTheImageForTheStyleExtra() {
        byte[] plain = bytes(ratio(PROMPT));
        byte[] flat = bytes(ratio(PROMPT).extra("mock", "style", "flat"));
        byte[] noise = bytes(ratio(PROMPT).extra("mock", "style", "noise"));

        assertThat(flat).isNotEqualTo(plain).isNotEqualTo(noise);
        assertThat(noise).isNotEqualTo(plain);
    }

    @Test
    void refusesAStyleItDoesNotDeclare() {
        ImageRequest request = ratio(PROMPT).extra("mock", "style", "oil").build();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(request));

        assertThat(thrown.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("extras.mock.style", "extras.invalid"));
        assertThat(thrown).hasMessage("Invalid request for model mock-ratio: extras.mock.style must be one of flat, "
                + "noise on model mock-ratio but was oil (provider mock)");
    }

    @Test
    void splitsThreeImagesIntoThreeCallsWithSeedsOfTheirOwn() {
        List<Long> seedsSent = new CopyOnWriteArrayList<>();
        ImageInterceptor recordSeeds = chain -> {
            if (chain.stage() == ImageInterceptor.Stage.CALL) {
                assertThat(chain.request().count()).isEqualTo(1);
                seedsSent.add(chain.request().seed());
            }
            return chain.proceed();
        };
        ImageResponse response;
        try (ImageGenerator split = ImageGenerator.builder(new MockImageProvider()).config(emptyConfig())
                .interceptor(recordSeeds).build()) {
            response = split.generate(ratio(PROMPT).seed(42L).count(3).build());
        }

        assertThat(seedsSent).containsExactlyInAnyOrder(42L, 43L, 44L);
        assertThat(response.images()).hasSize(3);
        assertThat(response.images()).extracting(TestImages::bytesOf).doesNotHaveDuplicates();
        // The split keeps order: image i is what seed 42 + i gives alone.
        assertThat(response.images().get(2).bytes()).isEqualTo(bytes(ratio(PROMPT).seed(44L)));
    }

    @Test
    void reportsNoUsageAndNoQualityLikeAVendorThatBillsPerImage() {
        ImageResponse response = generator.generate(ratio(PROMPT).count(2).build());

        assertThat(response.usage()).isNull();
        assertThat(response.quality()).isNull();
        assertThat(response.images()).extracting(GeneratedImage::size).containsOnly(ImageSize.of(1024, 1024));
    }

    @Test
    void refusesToStream() {
        ImageRequest request = ratio(PROMPT).build();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.stream(request, event -> { }));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("stream.not_supported");
        assertThat(thrown).hasMessage("Invalid request for model mock-ratio: model mock-ratio does not stream; "
                + "use generate() instead (provider mock)");
    }
}
