package dev.imagegen4j.cli;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import dev.imagegen4j.internal.FieldReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A line of a batch file: one JSON object whose fields are named as on OpenAI's images wire
 * ({@code prompt}, {@code n}, {@code output_format}, …) plus {@code seed}, {@code negative_prompt},
 * {@code images} (a file or a list of files, relative to the batch file), {@code mask} (a file) and
 * {@code options} (an object of the provider's extras, as {@code --option} sets them).
 */
final class BatchLine {
    /** The fields a line may have. */
    static final Set<String> FIELDS = Set.of("model", "prompt", "n", "size", "seed", "negative_prompt", "quality",
            "background", "output_format", "output_compression", "moderation", "user", "images", "mask", "options");

    private BatchLine() {
    }

    /**
     * The request of a line for {@code providerId}, with files resolved against {@code base}.
     *
     * @throws dev.imagegen4j.InvalidRequestException listing every field that is unknown, missing, of the
     *         wrong type or not a valid value, each named as the line names it
     */
    static ImageRequest request(Map<String, ?> fields, String providerId, Path base) {
        FieldReader line = new FieldReader(fields);
        line.rejectUnknown(FIELDS);
        String prompt = line.string("prompt");
        if (prompt == null && !line.failed("prompt")) {
            line.problem("prompt", "missing_required_parameter", null, "prompt is required");
        }
        ImageRequest.Builder builder = ImageRequest.builder(prompt == null ? "" : prompt)
                .model(line.string("model"))
                .count(line.integer("n"))
                .size(line.parsed("size", ImageSize::parse))
                .seed(line.longInteger("seed"))
                .negativePrompt(line.string("negative_prompt"))
                .quality(line.parsed("quality", Quality::parse))
                .background(line.parsed("background", Background::parse))
                .outputFormat(line.parsed("output_format", OutputFormat::parse))
                .outputCompression(line.integer("output_compression"))
                .moderation(line.parsed("moderation", Moderation::parse))
                .user(line.string("user"));
        for (String file : line.strings("images")) {
            InputImage image = image(line, "images", base, file);
            if (image != null) {
                builder.image(image);
            }
        }
        String mask = line.string("mask");
        if (mask != null) {
            builder.mask(image(line, "mask", base, mask));
        }
        Object options = fields.get("options");
        if (options instanceof Map<?, ?> extras) {
            extras.forEach((key, value) -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    builder.extra(providerId, key.toString(), value);
                } else {
                    line.problem("options", "invalid_type", key, "options." + key + " must be a string, number or boolean");
                }
            });
        } else if (options != null) {
            line.problem("options", "invalid_type", null, "options must be an object of provider settings");
        }
        line.throwIfAnyProblem();
        return builder.build();
    }

    private static @Nullable InputImage image(FieldReader line, String field, Path base, String file) {
        try {
            return InputImage.of(base.resolve(file));
        } catch (UncheckedIOException e) {
            line.problem(field, "invalid_value", file, "cannot read " + file);
        } catch (IllegalArgumentException e) {
            line.problem(field, "invalid_value", file, e.getMessage());
        }
        return null;
    }
}
