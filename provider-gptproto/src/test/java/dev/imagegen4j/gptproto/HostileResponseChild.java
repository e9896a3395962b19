package dev.imagegen4j.gptproto;

import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageStorage;
import java.nio.file.Path;
import dev.imagegen4j.ProviderConfig;
import java.util.Map;

/**
 * The program {@link GptProtoHostileServerTest} runs in a forked JVM with a small heap: one call to the
 * server at {@code args[0]}, spooling to {@code args[1]}, streaming when {@code args[2]} is {@code stream},
 * with {@code max-response-mib} {@code args[3]}. Prints {@code outcome <type> <message>} for a typed
 * failure; an {@link OutOfMemoryError} ends the JVM with a non-zero status.
 */
public final class HostileResponseChild {
    private HostileResponseChild() {
    }

    public static void main(String[] args) {
        ProviderConfig config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey("child-key-0123456789").set(ProviderConfig.BASE_URL, args[0])
                .set("max-response-mib", args[3]).set("max-retries", "0").build();
        ImageRequest request = ImageRequest.builder("a hostile answer").build();
        try (var generator = ImageGenerator.builder(new GptProtoImageProvider()).config(config)
                .storage(ImageStorage.directory(Path.of(args[1]))).build()) {
            if (args[2].equals("stream")) {
                generator.stream(request.toBuilder().partialImages(1).build(), event -> { });
            } else {
                generator.generate(request);
            }
            System.out.println("outcome success");
        } catch (ImageGenerationException e) {
            System.out.println("outcome " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }
}
