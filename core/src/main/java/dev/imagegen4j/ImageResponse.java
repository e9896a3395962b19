package dev.imagegen4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of a generation: the images in request order and what the provider reported about them.
 *
 * <p>The effective settings ({@link #size()}, {@link #quality()}, {@link #background()},
 * {@link #outputFormat()}) are the provider's words, kept as plain strings because providers report
 * values no enum lists yet; each is {@code null} when the provider did not say. The format and
 * dimensions of each image are read from its bytes: see {@link GeneratedImage}.
 *
 * @param providerId the id of the provider that generated the images
 * @param model the model the request was sent to
 * @param images the images, at least one, in request order
 * @param created when the provider created them, or {@code null} if it did not say
 * @param size the size the provider reports it used, such as {@code "1024x1024"}
 * @param quality the quality it reports, such as {@code "low"}
 * @param background the background it reports, such as {@code "opaque"}
 * @param outputFormat the format it reports, such as {@code "png"}
 * @param usage the tokens consumed, or {@code null} if not reported
 * @param requestId the provider's request id, or {@code null}
 * @param warnings things the caller should know, such as an experimental size or an unknown model
 */
public record ImageResponse(String providerId, String model, List<GeneratedImage> images, @Nullable Instant created,
                            @Nullable String size, @Nullable String quality, @Nullable String background,
                            @Nullable String outputFormat, @Nullable Usage usage, @Nullable String requestId,
                            List<String> warnings) {

    public ImageResponse {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(model, "model");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a response holds at least one image");
        }
        warnings = List.copyOf(warnings);
    }

    /** A builder for a response of {@code providerId} and {@code model}; used by providers. */
    public static Builder builder(String providerId, String model) {
        return new Builder(providerId, model);
    }

    /** The first image, which is the only one unless {@code n} was above 1. */
    public GeneratedImage image() {
        return images.get(0);
    }

    /** Builds {@link ImageResponse}s. */
    public static final class Builder {
        private final String providerId;
        private final String model;
        private final List<GeneratedImage> images = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private @Nullable Instant created;
        private @Nullable String size;
        private @Nullable String quality;
        private @Nullable String background;
        private @Nullable String outputFormat;
        private @Nullable Usage usage;
        private @Nullable String requestId;

        private Builder(String providerId, String model) {
            this.providerId = Objects.requireNonNull(providerId, "providerId");
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder addImage(GeneratedImage image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        public Builder addWarnings(List<String> messages) {
            warnings.addAll(messages);
            return this;
        }

        public Builder created(@Nullable Instant created) {
            this.created = created;
            return this;
        }

        public Builder size(@Nullable String size) {
            this.size = size;
            return this;
        }

        public Builder quality(@Nullable String quality) {
            this.quality = quality;
            return this;
        }

        public Builder background(@Nullable String background) {
            this.background = background;
            return this;
        }

        public Builder outputFormat(@Nullable String outputFormat) {
            this.outputFormat = outputFormat;
            return this;
        }

        public Builder usage(@Nullable Usage usage) {
            this.usage = usage;
            return this;
        }

        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * @throws IllegalArgumentException when no image was added
         */
        public ImageResponse build() {
            return new ImageResponse(providerId, model, images, created, size, quality, background, outputFormat,
                    usage, requestId, warnings);
        }
    }
}
