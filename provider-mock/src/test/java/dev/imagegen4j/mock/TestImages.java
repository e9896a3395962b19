package dev.imagegen4j.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ProviderConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Helpers shared by the mock's tests: an isolated config, generators, images to send and a decoder. */
final class TestImages {
    private TestImages() {
    }

    /** A config with no settings at all, blind to this JVM's system properties and environment. */
    static ProviderConfig emptyConfig() {
        return ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of()).build();
    }

    /** A generator of a fresh provider with no settings. */
    static ImageGenerator newGenerator() {
        return ImageGenerator.create(new MockImageProvider(), emptyConfig());
    }

    /** A generator of a provider that follows {@code behavior}. */
    static ImageGenerator newGenerator(MockBehavior behavior) {
        return ImageGenerator.create(new MockImageProvider(behavior), emptyConfig());
    }

    /**
     * Decodes {@code bytes} with ImageIO: the JDK's readers for PNG and JPEG, webp-imageio's for WebP.
     * Fails the test when no reader takes them.
     */
    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("an ImageIO reader decodes the bytes").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image's bytes as a value, for comparing lists of images. */
    static ByteBuffer bytesOf(GeneratedImage image) {
        return ByteBuffer.wrap(image.bytes());
    }

    /** The image a partial or completed event carries. */
    static GeneratedImage imageOf(ImageEvent event) {
        return event instanceof ImageEvent.PartialImage partial ? partial.image() : ((ImageEvent.Completed) event).image();
    }

    /** The bytes of the completed images among {@code events}, in order. */
    static List<ByteBuffer> completedImages(List<ImageEvent> events) {
        return events.stream().filter(ImageEvent.Completed.class::isInstance).map(event -> bytesOf(imageOf(event)))
                .toList();
    }

    /** The bytes of a response's images, in order. */
    static List<ByteBuffer> imagesOf(ImageResponse response) {
        return response.images().stream().map(TestImages::bytesOf).toList();
    }

    /** An event as {@code partial 1.0} (image 1, first partial) or {@code completed 1}. */
    static String describe(ImageEvent event) {
        return event instanceof ImageEvent.PartialImage partial
                ? "partial " + partial.imageIndex() + "." + partial.partialIndex()
                : "completed " + ((ImageEvent.Completed) event).imageIndex();
    }

    /** Every pixel of {@code image} as ARGB, row by row. */
    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** How many of the pixels differ between two images of the same size. */
    static long countDifferences(int[] some, int[] other) {
        long count = 0;
        for (int i = 0; i < some.length; i++) {
            if (some[i] != other[i]) {
                count++;
            }
        }
        return count;
    }

    /** An opaque PNG of one colour, to send as a reference image. */
    static InputImage opaquePng(int width, int height, int rgb) {
        return png(width, height, BufferedImage.TYPE_INT_RGB, rgb);
    }

    /** A PNG with an alpha channel whose left half is transparent, to send as a mask. */
    static InputImage maskPng(int width, int height, int transparentColumns) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < transparentColumns ? 0 : 0xFF000000);
            }
        }
        return encode(image);
    }

    private static InputImage png(int width, int height, int type, int argb) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return encode(image);
    }

    private static InputImage encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return InputImage.of(bytes.toByteArray());
    }
}
