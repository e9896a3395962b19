package dev.imagegen4j.spi;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSinkTest {
    @TempDir
    Path temp;

    /** A real PNG of noise, large enough to span many of the sink's chunks. */
    private static byte[] noisePng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void writeInPieces(ImageSink sink, byte[] bytes, int piece) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += piece) {
            sink.write(bytes, offset, Math.min(piece, bytes.length - offset));
        }
    }

    @Test
    void inMemorySinkKeepsEveryByteAcrossChunks() throws IOException {
        byte[] png = noisePng(700, 500);
        ImageSink sink = ImageSink.inMemory();

        writeInPieces(sink, png, 3000);
        GeneratedImage image = sink.finish();

        assertThat(png.length).isGreaterThan(1024 * 1024);
        assertThat(image.bytes()).isEqualTo(png);
        assertThat(image.byteCount()).isEqualTo(png.length);
        assertThat(image.size()).isEqualTo(ImageSize.of(700, 500));
        try (InputStream in = image.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void singleByteWritesWork() throws IOException {
        byte[] png = noisePng(3, 2);
        ImageSink sink = ImageSink.inMemory();

        for (byte b : png) {
            sink.write(b);
        }

        assertThat(sink.count()).isEqualTo(png.length);
        assertThat(sink.finish().bytes()).isEqualTo(png);
    }

    @Test
    void fileSinkGivesAnImageBackedByTheFile() throws IOException {
        byte[] png = noisePng(64, 48);
        Path file = temp.resolve("image.bin");
        ImageSink sink = ImageSink.toFile(file);

        writeInPieces(sink, png, 100);
        GeneratedImage image = sink.finish();

        assertThat(image.file()).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(png);
        assertThat(image.width()).isEqualTo(64);
    }

    @Test
    void closingAnUnfinishedFileSinkDeletesTheFile() throws IOException {
        Path file = temp.resolve("partial.bin");
        ImageSink sink = ImageSink.toFile(file);
        sink.write(noisePng(8, 8), 0, 20);

        sink.close();

        assertThat(file).doesNotExist();
    }

    @Test
    void finishingBytesThatAreNoImageFailsAndDeletesTheFile() throws IOException {
        Path file = temp.resolve("junk.bin");
        ImageSink sink = ImageSink.toFile(file);
        sink.write(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0, 0, 0, 0, 0});

        assertThatThrownBy(sink::finish)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PNG, JPEG or WebP image");
        assertThat(file).doesNotExist();
    }

    @Test
    void writingAfterFinishFails() throws IOException {
        ImageSink sink = ImageSink.inMemory();
        sink.write(noisePng(2, 2));
        sink.finish();

        assertThatThrownBy(() -> sink.write(1))
                .isInstanceOf(IOException.class)
                .hasMessage("the image sink is already finished or discarded");
        assertThatThrownBy(sink::finish).isInstanceOf(IllegalStateException.class);
    }
}
