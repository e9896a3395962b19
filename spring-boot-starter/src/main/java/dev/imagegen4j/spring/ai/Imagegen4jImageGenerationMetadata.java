package dev.imagegen4j.spring.ai;

import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.Warning;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.image.ImageGenerationMetadata;

/**
 * What imagegen4j knows about one image, beside Spring AI's {@code Image}: its format and size read from
 * the bytes, the seed the provider reports it was made with ({@code null} when it did not say), and the
 * warnings of the generation it belongs to.
 *
 * @param format the encoding of the image
 * @param width the width in pixels
 * @param height the height in pixels
 * @param seed the seed that repeats the image, or {@code null}
 * @param warnings what the caller should know about the generation, such as a setting lenient mode dropped
 */
public record Imagegen4jImageGenerationMetadata(ImageFormat format, int width, int height, @Nullable Long seed,
                                                List<Warning> warnings) implements ImageGenerationMetadata {
    public Imagegen4jImageGenerationMetadata {
        Objects.requireNonNull(format, "format");
        warnings = List.copyOf(warnings);
    }
}
