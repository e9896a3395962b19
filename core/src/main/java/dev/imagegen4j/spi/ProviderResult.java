package dev.imagegen4j.spi;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.Usage;
import dev.imagegen4j.Warning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one provider call produced: its images and what the vendor reported. Core combines the results of
 * a split request into one {@link dev.imagegen4j.ImageResponse}. Build one with {@link #builder()}.
 *
 * @param images the images, in order
 * @param created when the vendor made them, or {@code null}
 * @param size the size the vendor reports it used, in its own words, or {@code null}
 * @param quality the quality it reports, or {@code null}
 * @param background the background it reports, or {@code null}
 * @param outputFormat the format it reports, or {@code null}
 * @param usage the tokens it reports, or {@code null} when it reports none
 * @param requestId the vendor's id of the request, or {@code null}
 * @param warnings remarks the vendor made that the caller should see
 */
public record ProviderResult(List<GeneratedImage> images, @Nullable Instant created, @Nullable String size,
                             @Nullable String quality, @Nullable String background, @Nullable String outputFormat,
                             @Nullable Usage usage, @Nullable String requestId, List<Warning> warnings) {

    public ProviderResult {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a provider result holds at least one image");
        }
        warnings = List.copyOf(warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProviderResult}s. */
    public static final class Builder {
        private final List<GeneratedImage> images = new ArrayList<>();
        private final List<Warning> warnings = new ArrayList<>();
        private @Nullable Instant created;
        private @Nullable String size;
        private @Nullable String quality;
        private @Nullable String background;
        private @Nullable String outputFormat;
        private @Nullable Usage usage;
        private @Nullable String requestId;

        private Builder() {
        }

        public Builder addImage(GeneratedImage image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        public Builder addWarning(Warning warning) {
            warnings.add(Objects.requireNonNull(warning, "warning"));
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
        public ProviderResult build() {
            return new ProviderResult(images, created, size, quality, background, outputFormat, usage, requestId,
                    warnings);
        }
    }
}
