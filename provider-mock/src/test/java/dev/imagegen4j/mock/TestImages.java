package dev.imagegen4j.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ProviderConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Helpers shared by the mock's tests: an isolated config and an independent decoder. */
final class TestImages {
    private TestImages() {
    }

    /** A config with no settings at all, blind to this JVM's system properties and environment. */
    static ProviderConfig emptyConfig() {
        return ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of()).build();
    }

    /** A generator of a fresh provider with no settings. */
    static MockImageGenerator newGenerator() {
        return new MockImageProvider().create(emptyConfig());
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
}
