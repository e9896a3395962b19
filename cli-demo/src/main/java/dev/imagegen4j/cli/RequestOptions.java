package dev.imagegen4j.cli;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The request options that {@code generate} and {@code validate} share, and their mapping to wire names. */
final class RequestOptions {
    /** The option a user types for each wire field, so that errors name what the user can change. */
    static final Map<String, String> OPTION_BY_FIELD = Map.ofEntries(
            Map.entry("prompt", "PROMPT"), Map.entry("model", "--model"), Map.entry("n", "-n"),
            Map.entry("size", "--size"), Map.entry("quality", "--quality"), Map.entry("background", "--background"),
            Map.entry("output_format", "--format"), Map.entry("output_compression", "--compression"),
            Map.entry("moderation", "--moderation"), Map.entry("stream", "--stream"),
            Map.entry("partial_images", "--partial-images"), Map.entry("user", "--user"));

    @Parameters(index = "0", paramLabel = "PROMPT", description = "What the image should show.")
    String prompt = "";

    @Option(names = "--model", paramLabel = "M", description = "Model id, e.g. gpt-image-2 (default: the provider's).")
    @Nullable String model;

    @Option(names = "--size", paramLabel = "WxH|auto", description = "Image size, e.g. 1536x1024.",
            converter = SizeConverter.class)
    @Nullable ImageSize size;

    @Option(names = "--quality", paramLabel = "Q", description = "auto, low, medium or high.")
    @Nullable Quality quality;

    @Option(names = "--background", paramLabel = "B", description = "auto, opaque or transparent.")
    @Nullable Background background;

    @Option(names = "--format", paramLabel = "F", description = "auto, png, jpeg or webp.")
    @Nullable OutputFormat format;

    @Option(names = "--compression", paramLabel = "0-100", description = "Compression for jpeg and webp.")
    @Nullable Integer compression;

    @Option(names = "--moderation", paramLabel = "M", description = "auto or low.")
    @Nullable Moderation moderation;

    @Option(names = "-n", paramLabel = "N", description = "Number of images, 1-10.")
    @Nullable Integer count;

    @Option(names = "--stream", description = "Stream the generation, saving partial images as they arrive.")
    boolean stream;

    @Option(names = "--partial-images", paramLabel = "0-3", description = "Partial images per image when streaming.")
    @Nullable Integer partialImages;

    @Option(names = "--user", paramLabel = "U", description = "End-user id for the provider's abuse monitoring.")
    @Nullable String user;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A provider-specific request option, e.g. seed=7 for the mock provider. Repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    ImageRequest toRequest() {
        ImageRequest.Builder builder = ImageRequest.builder(prompt)
                .model(model).size(size).quality(quality).background(background).outputFormat(format)
                .outputCompression(compression).moderation(moderation).count(count)
                .stream(stream ? Boolean.TRUE : null).partialImages(partialImages).user(user);
        options.forEach(builder::option);
        return builder.build();
    }

    /** Parses {@code --size}; the user reads the parser's own message, not a Java class name. */
    static final class SizeConverter implements ITypeConverter<ImageSize> {
        @Override
        public ImageSize convert(String value) {
            try {
                return ImageSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
