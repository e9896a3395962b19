package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.decode;
import static dev.imagegen4j.mock.TestImages.maskPng;
import static dev.imagegen4j.mock.TestImages.opaquePng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.Violation;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mock-edit: one to four reference images and a mask, seeds, four images per call, streaming. */
class MockEditModelTest {
    private static final String PROMPT = "paint the sky orange";
    private static final InputImage PHOTO = opaquePng(300, 200, 0x3366CC);

    private final MockBehavior behavior = new MockBehavior();
    private final ImageGenerator generator = TestImages.newGenerator(behavior);

    @AfterEach
    void closeGenerator() {
        generator.close();
    }

    private static ImageRequest.Builder edit(InputImage... images) {
        return ImageRequest.builder(PROMPT).model("mock-edit").images(List.of(images));
    }

    private byte[] bytes(ImageRequest.Builder request) {
        return generator.generate(request.build()).image().bytes();
    }

    @Test
    void drawsTheImageAtTheSizeOfTheFirstReferenceImage() {
        ImageResponse response = generator.generate(edit(PHOTO, opaquePng(64, 48, 0xFFFFFF)).build());
        BufferedImage decoded = decode(response.image().bytes());

        assertThat(response.image().size()).isEqualTo(ImageSize.of(300, 200));
        assertThat(decoded.getWidth()).isEqualTo(300);
        assertThat(decoded.getHeight()).isEqualTo(200);
        assertThat(response.size()).isEqualTo("300x200");
    }

    @Test
    void drawsTheRequestedSizeWhenOneIsGiven() {
        GeneratedImage image = generator.generate(edit(PHOTO).size(ImageSize.of(1536, 1024)).build()).image();

        assertThat(image.size()).isEqualTo(ImageSize.of(1536, 1024));
    }

    @Test
    void drawsADifferentImageForADifferentReferenceImage() {
        byte[] blue = bytes(edit(PHOTO));
        byte[] blueAgain = bytes(edit(opaquePng(300, 200, 0x3366CC)));
        byte[] red = bytes(edit(opaquePng(300, 200, 0xCC3333)));
        byte[] blueThenRed = bytes(edit(PHOTO, opaquePng(300, 200, 0xCC3333)));

        assertThat(blueAgain).as("the same pixels again").isEqualTo(blue);
        assertThat(red).isNotEqualTo(blue);
        assertThat(blueThenRed).isNotEqualTo(blue).isNotEqualTo(red);
    }

    @Test
    void drawsADifferentImageForADifferentMask() {
        byte[] unmasked = bytes(edit(PHOTO));
        byte[] leftMasked = bytes(edit(PHOTO).mask(maskPng(300, 200, 100)));
        byte[] halfMasked = bytes(edit(PHOTO).mask(maskPng(300, 200, 150)));

        assertThat(leftMasked).isNotEqualTo(unmasked).isNotEqualTo(halfMasked);
    }

    @Test
    void repeatsTheImageForTheSameSeedAndChangesItForAnother() {
        byte[] first = bytes(edit(PHOTO).seed(7L));
        byte[] again = bytes(edit(PHOTO).seed(7L));
        byte[] other = bytes(edit(PHOTO).seed(8L));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of(edit(), List.of("images.count"), "Invalid request for model mock-edit: model mock-edit "
                        + "takes between 1 and 4 reference images but was given 0 (provider mock)"),
                Arguments.of(edit(PHOTO, PHOTO, PHOTO, PHOTO, PHOTO), List.of("images.count"), "Invalid request for "
                        + "model mock-edit: model mock-edit takes between 1 and 4 reference images but was given 5 "
                        + "(provider mock)"),
                Arguments.of(edit().mask(maskPng(300, 200, 100)), List.of("images.count", "mask.requires_image"),
                        "Invalid request for model mock-edit: model mock-edit takes between 1 and 4 reference images "
                                + "but was given 0; a mask needs a reference image to apply to (provider mock)"),
                Arguments.of(edit(PHOTO).mask(maskPng(64, 64, 10)), List.of("mask.size_mismatch"), "Invalid request "
                        + "for model mock-edit: the mask is 64x64 but the first reference image is 300x200; they "
                        + "must be the same size (provider mock)"),
                Arguments.of(edit(PHOTO).mask(opaquePng(300, 200, 0)), List.of("mask.no_alpha"), "Invalid request "
                        + "for model mock-edit: the mask has no alpha channel; its transparent pixels mark where to "
                        + "edit (provider mock)"));
    }

    @ParameterizedTest
    @MethodSource("invalidInputs")
    void refusesInvalidImagesAndMasksBeforeTheBackendRuns(ImageRequest.Builder request, List<String> rules,
                                                         String message) {
        behavior.failNext(MockFault.RATE_LIMIT);

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(request.build()));
        Throwable next = catchThrowable(() -> generator.generate(edit(PHOTO).build()));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactlyElementsOf(rules);
        assertThat(thrown).hasMessage(message);
        assertThat(next).as("the queued fault is still there: the backend never ran")
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void streamsPartialAndCompletedImagesInOrderAcrossCalls() {
        // Five images at four per call: two calls, whose events arrive in image order.
        ImageRequest request = edit(PHOTO).count(5).partialImages(1).build();
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response = generator.stream(request, events::add);

        assertThat(events).extracting(TestImages::describe).containsExactly(
                "partial 0.0", "completed 0", "partial 1.0", "completed 1", "partial 2.0", "completed 2",
                "partial 3.0", "completed 3", "partial 4.0", "completed 4");
        assertThat(TestImages.completedImages(events)).containsExactlyElementsOf(TestImages.imagesOf(response));
        assertThat(events).extracting(event -> TestImages.imageOf(event).size()).containsOnly(ImageSize.of(300, 200));
    }
}
