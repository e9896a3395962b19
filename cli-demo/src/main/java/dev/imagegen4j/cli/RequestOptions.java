package dev.imagegen4j.cli;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The request options that {@code generate} and {@code validate} share, and the settings they stand for. */
final class RequestOptions {
    /** The option a user types for each request setting, so that errors name what the user can change. */
    static final Map<String, String> OPTION_BY_FIELD = Map.ofEntries(
            Map.entry("prompt", "PROMPT"), Map.entry("model", "--model"), Map.entry("count", "-n"),
            Map.entry("size", "--size"), Map.entry("seed", "--seed"), Map.entry("negativePrompt", "--negative-prompt"),
            Map.entry("quality", "--quality"), Map.entry("background", "--background"),
            Map.entry("outputFormat", "--format"), Map.entry("outputCompression", "--compression"),
            Map.entry("moderation", "--moderation"), Map.entry("stream", "--stream"),
            Map.entry("partialImages", "--partial-images"), Map.entry("user", "--user"),
            Map.entry("images", "--image"), Map.entry("mask", "--mask"));

    @Parameters(index = "0", paramLabel = "PROMPT", description = "What the image should show.")
    String prompt = "";

    @Option(names = "--model", paramLabel = "M", description = "Model id, e.g. gpt-image-2 (default: the provider's).")
    @Nullable String model;

    @Option(names = "--size", paramLabel = "WxH|W:H|auto",
            description = "Image size: exact (1536x1024), an aspect ratio (16:9, or 16:9@2K with a tier), or auto.",
            converter = SizeConverter.class)
    @Nullable ImageSize size;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed, for models that take one.")
    @Nullable Long seed;

    @Option(names = "--negative-prompt", paramLabel = "TEXT", description = "What the image should not show.")
    @Nullable String negativePrompt;

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

    @Option(names = "-n", paramLabel = "N", description = "Number of images (split into several calls where a model "
            + "makes fewer per call).")
    @Nullable Integer count;

    @Option(names = "--stream", description = "Stream the generation, saving partial images as they arrive.")
    boolean stream;

    @Option(names = "--partial-images", paramLabel = "0-3", description = "Partial images per image when streaming.")
    @Nullable Integer partialImages;

    @Option(names = "--user", paramLabel = "U", description = "End-user id for the provider's abuse monitoring.")
    @Nullable String user;

    @Option(names = "--image", paramLabel = "FILE",
            description = "A reference image to edit or transform (PNG, JPEG or WebP). Repeatable.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--mask", paramLabel = "FILE",
            description = "Where to edit the first --image: a PNG whose transparent pixels mark the area.")
    @Nullable Path mask;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A provider-specific setting the model declares, e.g. style=flat (see 'imagegen providers'). "
                    + "Numbers and true/false are sent as such. Repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--lenient", description = "Drop settings the model does not take (and map sizes it does not "
            + "accept to the nearest it does), with a warning each, instead of refusing the request.")
    boolean lenient;

    /**
     * The request for {@code providerId}, whose extras the {@code --option}s are.
     *
     * @throws IllegalArgumentException naming the file when an --image or --mask is not a PNG, JPEG or WebP
     * @throws java.io.UncheckedIOException naming the file when it cannot be read
     */
    ImageRequest toRequest(String providerId) {
        ImageRequest.Builder builder = ImageRequest.builder(prompt)
                .model(model).size(size).seed(seed).negativePrompt(negativePrompt).quality(quality)
                .background(background).outputFormat(format).outputCompression(compression).moderation(moderation)
                .count(count).partialImages(partialImages).user(user)
                .mask(mask == null ? null : InputImage.of(mask));
        images.forEach(file -> builder.image(InputImage.of(file)));
        options.forEach((key, value) -> builder.extra(providerId, key, typed(value)));
        return builder.build();
    }

    /** An option's value as the model's declarations expect it: a whole number, a number, a boolean or text. */
    static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.valueOf(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(value);
        }
        return value;
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
