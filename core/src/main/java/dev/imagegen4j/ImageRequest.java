package dev.imagegen4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to generate. Immutable; build one with {@link #builder(String)}.
 *
 * <p>Every field but the prompt may be {@code null}, which means "the provider's default": such a
 * field is not sent at all. The record checks only its structure (a prompt is present, options are
 * plain values); the rules of a model (sizes, ranges, combinations) are checked by its
 * {@link ModelSpec}, so that one check reports every problem at once rather than the first.
 *
 * <pre>{@code
 * ImageRequest request = ImageRequest.builder("a lighthouse at dusk")
 *         .model("gpt-image-2")
 *         .size(ImageSize.parse("1536x1024"))
 *         .quality(Quality.HIGH)
 *         .build();
 * }</pre>
 *
 * @param prompt what the image should show ({@code prompt})
 * @param model the model id ({@code model}); {@code null} for the provider's default model
 * @param count how many images ({@code n})
 * @param size the image size ({@code size})
 * @param quality the rendering quality ({@code quality})
 * @param background the background ({@code background})
 * @param outputFormat the encoding to produce ({@code output_format})
 * @param outputCompression the compression level 0-100 for JPEG and WebP ({@code output_compression})
 * @param moderation the moderation level ({@code moderation})
 * @param stream whether the provider streams the result ({@code stream});
 *        {@link ImageGenerator#stream} sets it for you
 * @param partialImages how many partial images to stream before each final one ({@code partial_images})
 * @param user an id of the end user, for the provider's abuse monitoring ({@code user})
 * @param options provider-specific extras, sent or interpreted as each provider documents;
 *        values are strings, numbers or booleans
 */
public record ImageRequest(
        String prompt,
        @Nullable String model,
        @Nullable Integer count,
        @Nullable ImageSize size,
        @Nullable Quality quality,
        @Nullable Background background,
        @Nullable OutputFormat outputFormat,
        @Nullable Integer outputCompression,
        @Nullable Moderation moderation,
        @Nullable Boolean stream,
        @Nullable Integer partialImages,
        @Nullable String user,
        Map<String, Object> options) {

    public ImageRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(options, "options");
        for (Map.Entry<String, Object> option : options.entrySet()) {
            Object value = Objects.requireNonNull(option.getValue(), () -> "option '" + option.getKey() + "'");
            // Options end up in a JSON body or a provider's settings, which only take scalars.
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("option '" + option.getKey()
                        + "' must be a String, Number or Boolean but was a " + value.getClass().getName());
            }
        }
        // Kept in insertion order: providers write options into request bodies, which should be stable.
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The wire names {@link #fromWireFields(Map)} accepts. */
    public static final Set<String> WIRE_FIELDS = Set.of("model", "prompt", "n", "size", "quality", "background",
            "output_format", "output_compression", "moderation", "stream", "partial_images", "user");

    /**
     * A request from fields named as on the wire ({@code prompt}, {@code n}, {@code output_format}, …),
     * such as a parsed JSON request body or a line of a batch file. Values are strings, numbers,
     * booleans or {@code null} (unset); a list or map stands for a JSON array or object.
     *
     * @throws InvalidRequestException listing every field that is unknown, missing ({@code prompt}),
     *         of the wrong type, or not a valid value; each violation's rule is {@code unknown_parameter},
     *         {@code missing_required_parameter}, {@code invalid_type} or {@code invalid_value}
     */
    public static ImageRequest fromWireFields(Map<String, ?> fields) {
        WireFields wire = new WireFields(fields);
        wire.rejectUnknown(WIRE_FIELDS);
        String prompt = wire.string("prompt");
        if (prompt == null && !wire.failed("prompt")) {
            wire.problem("prompt", "missing_required_parameter", null, "prompt is required");
        }
        Builder builder = builder(prompt == null ? "" : prompt)
                .model(wire.string("model"))
                .count(wire.integer("n"))
                .size(wire.parsed("size", ImageSize::parse))
                .quality(wire.parsed("quality", Quality::fromWireName))
                .background(wire.parsed("background", Background::fromWireName))
                .outputFormat(wire.parsed("output_format", OutputFormat::fromWireName))
                .outputCompression(wire.integer("output_compression"))
                .moderation(wire.parsed("moderation", Moderation::fromWireName))
                .stream(wire.bool("stream"))
                .partialImages(wire.integer("partial_images"))
                .user(wire.string("user"));
        wire.throwIfAnyProblem();
        return builder.build();
    }

    /** A builder with the given prompt and every other field unset. */
    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    /** A builder that starts from this request. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the request asks for a streamed response ({@code stream} is set and true). */
    public boolean isStreaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** Builds {@link ImageRequest}s; setters take {@code null} to return a field to the provider default. */
    public static final class Builder {
        private String prompt;
        private @Nullable String model;
        private @Nullable Integer count;
        private @Nullable ImageSize size;
        private @Nullable Quality quality;
        private @Nullable Background background;
        private @Nullable OutputFormat outputFormat;
        private @Nullable Integer outputCompression;
        private @Nullable Moderation moderation;
        private @Nullable Boolean stream;
        private @Nullable Integer partialImages;
        private @Nullable String user;
        private final Map<String, Object> options = new LinkedHashMap<>();

        private Builder(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
        }

        private Builder(ImageRequest request) {
            this(request.prompt);
            model = request.model;
            count = request.count;
            size = request.size;
            quality = request.quality;
            background = request.background;
            outputFormat = request.outputFormat;
            outputCompression = request.outputCompression;
            moderation = request.moderation;
            stream = request.stream;
            partialImages = request.partialImages;
            user = request.user;
            options.putAll(request.options);
        }

        public Builder prompt(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        public Builder model(@Nullable String model) {
            this.model = model;
            return this;
        }

        public Builder count(@Nullable Integer count) {
            this.count = count;
            return this;
        }

        public Builder size(@Nullable ImageSize size) {
            this.size = size;
            return this;
        }

        public Builder quality(@Nullable Quality quality) {
            this.quality = quality;
            return this;
        }

        public Builder background(@Nullable Background background) {
            this.background = background;
            return this;
        }

        public Builder outputFormat(@Nullable OutputFormat outputFormat) {
            this.outputFormat = outputFormat;
            return this;
        }

        public Builder outputCompression(@Nullable Integer outputCompression) {
            this.outputCompression = outputCompression;
            return this;
        }

        public Builder moderation(@Nullable Moderation moderation) {
            this.moderation = moderation;
            return this;
        }

        public Builder stream(@Nullable Boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder partialImages(@Nullable Integer partialImages) {
            this.partialImages = partialImages;
            return this;
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /** Sets a provider-specific option; a {@code null} value removes it. */
        public Builder option(String key, @Nullable Object value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                options.remove(key);
            } else {
                options.put(key, value);
            }
            return this;
        }

        public ImageRequest build() {
            return new ImageRequest(prompt, model, count, size, quality, background, outputFormat,
                    outputCompression, moderation, stream, partialImages, user, options);
        }
    }
}
