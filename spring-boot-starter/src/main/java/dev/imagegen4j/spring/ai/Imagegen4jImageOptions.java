package dev.imagegen4j.spring.ai;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.image.ImageOptions;

/**
 * Spring AI {@link ImageOptions} with the settings imagegen4j adds: aspect ratio, seed, negative prompt,
 * quality, output format and compression, and background. Immutable; every unset value ({@code null})
 * leaves the model's default options in place, and what is still unset then is the provider's default.
 *
 * <pre>{@code
 * ImageResponse response = imageModel.call(new ImagePrompt("a lighthouse at dusk",
 *         Imagegen4jImageOptions.builder().aspectRatio("16:9").seed(42L).negativePrompt("text").build()));
 * }</pre>
 *
 * <p>Of Spring AI's own options, {@code width} and {@code height} go together as an exact size, and
 * {@code responseFormat} is {@value Imagegen4jImageModel#B64_JSON} or {@value Imagegen4jImageModel#URL};
 * {@code style} is sent as the provider's {@code style} setting, which a model that takes none refuses.
 */
public final class Imagegen4jImageOptions implements ImageOptions {
    private final @Nullable Integer n;
    private final @Nullable String model;
    private final @Nullable Integer width;
    private final @Nullable Integer height;
    private final @Nullable String responseFormat;
    private final @Nullable String style;
    private final @Nullable String aspectRatio;
    private final @Nullable Long seed;
    private final @Nullable String negativePrompt;
    private final @Nullable Quality quality;
    private final @Nullable OutputFormat outputFormat;
    private final @Nullable Integer outputCompression;
    private final @Nullable Background background;

    private Imagegen4jImageOptions(Builder builder) {
        n = builder.n;
        model = builder.model;
        width = builder.width;
        height = builder.height;
        responseFormat = builder.responseFormat;
        style = builder.style;
        aspectRatio = builder.aspectRatio;
        seed = builder.seed;
        negativePrompt = builder.negativePrompt;
        quality = builder.quality;
        outputFormat = builder.outputFormat;
        outputCompression = builder.outputCompression;
        background = builder.background;
        if (aspectRatio != null) {
            if (!(ImageSize.parse(aspectRatio) instanceof ImageSize.AspectRatio)) {
                throw new IllegalArgumentException("aspectRatio must be W:H such as 16:9 (optionally with a tier, "
                        + "16:9@2K), but was '" + aspectRatio + "'");
            }
            if (width != null || height != null) {
                throw new IllegalArgumentException("aspectRatio and width/height are two sizes; give one of them");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public @Nullable Integer getN() {
        return n;
    }

    @Override
    public @Nullable String getModel() {
        return model;
    }

    @Override
    public @Nullable Integer getWidth() {
        return width;
    }

    @Override
    public @Nullable Integer getHeight() {
        return height;
    }

    @Override
    public @Nullable String getResponseFormat() {
        return responseFormat;
    }

    @Override
    public @Nullable String getStyle() {
        return style;
    }

    /** The aspect ratio, such as {@code 16:9} or {@code 16:9@2K}; instead of width and height. */
    public @Nullable String getAspectRatio() {
        return aspectRatio;
    }

    public @Nullable Long getSeed() {
        return seed;
    }

    public @Nullable String getNegativePrompt() {
        return negativePrompt;
    }

    public @Nullable Quality getQuality() {
        return quality;
    }

    public @Nullable OutputFormat getOutputFormat() {
        return outputFormat;
    }

    public @Nullable Integer getOutputCompression() {
        return outputCompression;
    }

    public @Nullable Background getBackground() {
        return background;
    }

    /** Sets the settings of this subtype that are set onto {@code request}. */
    void applyTo(ImageRequest.Builder request) {
        if (aspectRatio != null) {
            request.size(ImageSize.parse(aspectRatio));
        }
        if (seed != null) {
            request.seed(seed);
        }
        if (negativePrompt != null) {
            request.negativePrompt(negativePrompt);
        }
        if (quality != null) {
            request.quality(quality);
        }
        if (outputFormat != null) {
            request.outputFormat(outputFormat);
        }
        if (outputCompression != null) {
            request.outputCompression(outputCompression);
        }
        if (background != null) {
            request.background(background);
        }
    }

    @Override
    public String toString() {
        return "Imagegen4jImageOptions[n=" + n + ", model=" + model + ", width=" + width + ", height=" + height
                + ", responseFormat=" + responseFormat + ", style=" + style + ", aspectRatio=" + aspectRatio
                + ", seed=" + seed + ", negativePrompt=" + negativePrompt + ", quality=" + quality + ", outputFormat=" + outputFormat
                + ", outputCompression=" + outputCompression + ", background=" + background + "]";
    }

    /** Builds {@link Imagegen4jImageOptions}; every setter takes {@code null} for "not set". */
    public static final class Builder {
        private @Nullable Integer n;
        private @Nullable String model;
        private @Nullable Integer width;
        private @Nullable Integer height;
        private @Nullable String responseFormat;
        private @Nullable String style;
        private @Nullable String aspectRatio;
        private @Nullable Long seed;
        private @Nullable String negativePrompt;
        private @Nullable Quality quality;
        private @Nullable OutputFormat outputFormat;
        private @Nullable Integer outputCompression;
        private @Nullable Background background;

        private Builder() {
        }

        public Builder n(@Nullable Integer n) {
            this.n = n;
            return this;
        }

        public Builder model(@Nullable String model) {
            this.model = model;
            return this;
        }

        public Builder width(@Nullable Integer width) {
            this.width = width;
            return this;
        }

        public Builder height(@Nullable Integer height) {
            this.height = height;
            return this;
        }

        public Builder responseFormat(@Nullable String responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder style(@Nullable String style) {
            this.style = style;
            return this;
        }

        public Builder aspectRatio(@Nullable String aspectRatio) {
            this.aspectRatio = aspectRatio;
            return this;
        }

        public Builder seed(@Nullable Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder negativePrompt(@Nullable String negativePrompt) {
            this.negativePrompt = negativePrompt;
            return this;
        }

        public Builder quality(@Nullable Quality quality) {
            this.quality = quality;
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

        public Builder background(@Nullable Background background) {
            this.background = background;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the aspect ratio is not one, or is given with width or height
         */
        public Imagegen4jImageOptions build() {
            return new Imagegen4jImageOptions(this);
        }
    }
}
