package dev.imagegen4j.gptproto;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageStorage;
import java.nio.file.Path;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The program {@link GptProtoMemoryTest} runs in a forked JVM with a small heap: it generates four
 * images from the server at {@code args[0]}, spooled to the directory {@code args[1]} (or kept in
 * memory when it is {@code -}), and prints one line per image: {@code image}, its byte count, its CRC-32 and its file.
 * Any failure, an {@link OutOfMemoryError} included, ends the JVM with a non-zero status.
 *
 * <p>Also the tool for measuring the smallest heap by hand, against a server of the same response:
 * {@code java -Xmx12m -cp <test class path> dev.imagegen4j.gptproto.LargeResponseChild <base URL> <spool dir or ->}.
 */
public final class LargeResponseChild {
    private LargeResponseChild() {
    }

    public static void main(String[] args) throws IOException {
        ProviderConfig.Builder config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey("child-key").set(ProviderConfig.BASE_URL, args[0]);
        ImageStorage storage = args[1].equals("-") ? ImageStorage.memory() : ImageStorage.directory(Path.of(args[1]));
        try (var generator = ImageGenerator.builder(new GptProtoImageProvider()).config(config.build())
                .storage(storage).build()) {
            ImageResponse response = generator.generate(ImageRequest.builder("four large images").count(4).build());
            for (GeneratedImage image : response.images()) {
                System.out.println("image " + image.byteCount() + " " + crc(image) + " " + image.file());
            }
        }
    }

    private static long crc(GeneratedImage image) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = image.openStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }
}
