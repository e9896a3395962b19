package dev.imagegen4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a header declares an alpha channel; format and size detection is in GeneratedImageTest. */
class ImageHeaderAlphaTest {

    private static ImageHeader read(byte[] bytes) {
        try {
            return ImageHeader.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a PNG: signature and an IHDR of 3x2 pixels, 8 bits, the given colour type. */
    private static byte[] pngHeader(int colourType) {
        byte[] bytes = new byte[8 + 4 + 4 + 10];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13}, 0, bytes, 0, 12);
        System.arraycopy("IHDR".getBytes(StandardCharsets.US_ASCII), 0, bytes, 12, 4);
        bytes[19] = 3;
        bytes[23] = 2;
        bytes[24] = 8;
        bytes[25] = (byte) colourType;
        return bytes;
    }

    /** A RIFF/WEBP file with one chunk, as GeneratedImageTest builds them. */
    private static byte[] webp(String fourcc, int... payload) {
        return TestImages.webpChunk(fourcc, payload);
    }

    private static byte[] resource(String name) {
        return TestImages.webp(name);
    }

    @ParameterizedTest(name = "colour type {0}: alpha {1}")
    @CsvSource({"0, false", "2, false", "3, false", "4, true", "6, true"})
    void aPngHasAlphaExactlyWhenItsColourTypeCarriesIt(int colourType, boolean alpha) {
        ImageHeader header = read(pngHeader(colourType));

        assertThat(header).isEqualTo(new ImageHeader(ImageFormat.PNG, 3, 2, alpha));
    }

    @Test
    void realPngsOfColourType2And6AreOpaqueAndTransparent() {
        assertThat(read(TestImages.png(5, 4)).alpha()).isFalse();
        assertThat(read(TestImages.rgbaPng(5, 4)).alpha()).isTrue();
    }

    @Test
    void anExtendedWebpHasAlphaExactlyWhenItsAlphaFlagIsSet() {
        ImageHeader flagged = read(webp("VP8X", 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        ImageHeader otherFlags = read(webp("VP8X", 0xEF, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        assertThat(flagged).isEqualTo(new ImageHeader(ImageFormat.WEBP, 1, 1, true));
        assertThat(otherFlags.alpha()).isFalse();
        assertThat(read(resource("alpha-31x19.webp"))).isEqualTo(new ImageHeader(ImageFormat.WEBP, 31, 19, true));
    }

    @Test
    void aLosslessWebpHasAlphaExactlyWhenItsAlphaBitIsSet() {
        ImageHeader used = read(webp("VP8L", 0x2F, 0, 0, 0, 0x10));
        ImageHeader unused = read(webp("VP8L", 0x2F, 0, 0, 0, 0xEF));

        assertThat(used).isEqualTo(new ImageHeader(ImageFormat.WEBP, 1, 1, true));
        assertThat(unused.alpha()).isFalse();
        assertThat(read(resource("lossless-17x33.webp")).alpha()).isFalse();
    }

    @Test
    void lossyWebpAndJpegHaveNoAlpha() {
        assertThat(read(resource("lossy-33x17.webp")).alpha()).isFalse();
        assertThat(read(TestImages.jpeg(5, 4)).alpha()).isFalse();
    }
}
