package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputImageTest {
    @TempDir
    Path temp;

    private static byte[] read(InputImage image) throws Exception {
        try (InputStream in = image.openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void anImageFromBytesKnowsItsFormatSizeAndAlpha() throws Exception {
        byte[] bytes = TestImages.rgbaPng(16, 8);

        InputImage image = InputImage.of(bytes);

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.width()).isEqualTo(16);
        assertThat(image.height()).isEqualTo(8);
        assertThat(image.hasAlpha()).isTrue();
        assertThat(image.byteCount()).isEqualTo(bytes.length);
        assertThat(image.file()).isNull();
        assertThat(image.fileName()).isEqualTo("image.png");
        assertThat(read(image)).isEqualTo(bytes);
    }

    @Test
    void anImageFromBytesKeepsItsOwnCopy() throws Exception {
        byte[] bytes = TestImages.png(4, 4);
        byte[] original = bytes.clone();
        InputImage image = InputImage.of(bytes);

        bytes[20] ^= 1;

        assertThat(read(image)).isEqualTo(original);
    }

    @Test
    void jpegAndWebpAreSniffedToo() {
        InputImage jpeg = InputImage.of(TestImages.jpeg(9, 5));
        InputImage webp = InputImage.of(TestImages.webp("alpha-31x19.webp"));

        assertThat(jpeg.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(jpeg.hasAlpha()).isFalse();
        assertThat(jpeg.fileName()).isEqualTo("image.jpg");
        assertThat(webp.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(webp.width()).isEqualTo(31);
        assertThat(webp.hasAlpha()).isTrue();
    }

    @Test
    void anImageFromAFileReadsOnlyItsHeaderNowAndTheFileWhenOpened() throws Exception {
        byte[] bytes = TestImages.png(12, 7);
        Path file = Files.write(temp.resolve("photo.png"), bytes);

        InputImage image = InputImage.of(file);

        assertThat(image.file()).isEqualTo(file);
        assertThat(image.fileName()).isEqualTo("photo.png");
        assertThat(image.byteCount()).isEqualTo(bytes.length);
        assertThat(image.width()).isEqualTo(12);
        assertThat(image.hasAlpha()).isFalse();
        assertThat(read(image)).isEqualTo(bytes);
    }

    @Test
    void toStringNamesTheImageButNeverShowsItsBytes() throws Exception {
        byte[] bytes = TestImages.png(16, 8);
        Path file = Files.write(temp.resolve("in.png"), bytes);

        String memory = InputImage.of(bytes).toString();
        String onDisk = InputImage.of(file).toString();

        assertThat(memory).isEqualTo("InputImage[image/png 16x8, " + bytes.length + " bytes]");
        assertThat(onDisk).isEqualTo("InputImage[image/png 16x8, " + bytes.length + " bytes, file " + file + "]");
    }

    @Test
    void bytesThatAreNoImageAreRefusedSayingWhy() {
        assertThatThrownBy(() -> InputImage.of(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the bytes are not a PNG, JPEG or WebP image (they start with 01 02 03)");
    }

    @Test
    void aFileThatIsNoImageIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.png"), "hello");

        assertThatThrownBy(() -> InputImage.of(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": the bytes are not a PNG, JPEG or WebP image (they start with 68 65 6c 6c 6f)");
    }

    @Test
    void aMissingFileIsAnUncheckedIoErrorNamingTheFile() {
        Path missing = temp.resolve("missing.png");

        assertThatThrownBy(() -> InputImage.of(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read image file " + missing);
    }

    @Test
    void takesAGeneratedImageAsItIsToEditItFurther() throws Exception {
        GeneratedImage generated = GeneratedImage.ofBytes(GeneratedImageTest.png(3, 2));

        InputImage input = InputImage.of(generated);

        assertThat(input.format()).isEqualTo(ImageFormat.PNG);
        assertThat(input.width()).isEqualTo(3);
        assertThat(input.height()).isEqualTo(2);
        assertThat(input.file()).isNull();
        try (InputStream in = input.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(generated.bytes());
        }
    }
}
