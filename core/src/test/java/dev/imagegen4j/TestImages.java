package dev.imagegen4j;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real encoded images for tests, made with ImageIO; public for the tests of the other packages. */
public final class TestImages {
    private TestImages() {
    }

    /** An opaque PNG (colour type 2, RGB). */
    public static byte[] png(int width, int height) {
        return GeneratedImageTest.png(width, height);
    }

    /** A PNG with an alpha channel (colour type 6, RGBA). */
    public static byte[] rgbaPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / Math.max(1, width - 1)) << 24 | 0x336699);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(int width, int height) {
        return GeneratedImageTest.jpeg(width, height);
    }

    /** The real WebP {@code name} from src/test/resources/images. */
    public static byte[] webp(String name) {
        return GeneratedImageTest.resource(name);
    }

    public static InputImage opaque(int width, int height) {
        return InputImage.of(png(width, height));
    }

    public static InputImage withAlpha(int width, int height) {
        return InputImage.of(rgbaPng(width, height));
    }

    /** A RIFF/WEBP file holding one chunk with {@code fourcc} and {@code payload}. */
    public static byte[] webpChunk(String fourcc, int... payload) {
        return GeneratedImageTest.webp(fourcc, payload);
    }
}
