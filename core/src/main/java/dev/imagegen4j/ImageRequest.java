package dev.imagegen4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to generate, in terms every provider understands. Immutable; build one with {@link #builder(String)}.
 *
 * <p>Every field but the prompt may be {@code null} (or empty), which means "the provider's default":
 * such a field is not sent at all. The record checks only its structure (a prompt is present, extras
 * are plain values); what a model accepts (sizes, ranges, which settings at all) is checked by its
 * {@link ModelSpec} before anything is sent, so that one check reports every problem at once. A
 * setting the model does not take is an error unless the generator is lenient, in which case it is
 * dropped and reported as a {@link Warning}: never silently.
 *
 * <pre>{@code
 * ImageRequest request = ImageRequest.builder("a lighthouse at dusk")
 *         .size(ImageSize.ratio(16, 9))
 *         .seed(42L)
 *         .negativePrompt("blurry, text")
 *         .build();
 * }</pre>
 *
 * @param prompt what the image should show
 * @param model the model id; {@code null} for the provider's default model
 * @param count how many images; above a model's per-call maximum the generator splits the request
 * @param size the image size: exact, an aspect ratio, or auto
 * @param seed the random seed, for models that take one; the same seed and request give the same image
 * @param negativePrompt what the image should not show, for models that take one
 * @param quality the rendering quality
 * @param background the background
 * @param outputFormat the encoding to produce
 * @param outputCompression the compression level 0-100 for lossy formats
 * @param moderation the moderation level
 * @param partialImages how many partial images to stream before each final one; only with
 *        {@link ImageGenerator#stream}
 * @param user an id of the end user, for the provider's abuse monitoring
 * @param images reference images to edit or transform, for models that take them; empty for none
 * @param mask where to edit the first reference image (transparent pixels), or {@code null}
 * @param extras provider-specific settings, by provider id, then by the name the provider documents;
 *        values are strings, numbers or booleans. A provider reads only its own; each model's spec
 *        declares which it accepts and checks them
 */
public record ImageRequest(
        String prompt,
        @Nullable String model,
        @Nullable Integer count,
        @Nullable ImageSize size,
        @Nullable Long seed,
        @Nullable String negativePrompt,
        @Nullable Quality quality,
        @Nullable Background background,
        @Nullable OutputFormat outputFormat,
        @Nullable Integer outputCompression,
        @Nullable Moderation moderation,
        @Nullable Integer partialImages,
        @Nullable String user,
        List<InputImage> images,
        @Nullable InputImage mask,
        Map<String, Map<String, Object>> extras) {

    public ImageRequest {
        Objects.requireNonNull(prompt, "prompt");
        images = List.copyOf(images);
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> provider : extras.entrySet()) {
            String providerId = Objects.requireNonNull(provider.getKey(), "extras provider id");
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> extra : provider.getValue().entrySet()) {
                values.put(Objects.requireNonNull(extra.getKey(), "extra name"), requireScalar(providerId, extra));
            }
            if (!values.isEmpty()) {
                // Kept in insertion order: providers write extras into request bodies, which should be stable.
                copy.put(providerId, Collections.unmodifiableMap(values));
            }
        }
        extras = Collections.unmodifiableMap(copy);
    }

    private static Object requireScalar(String providerId, Map.Entry<String, Object> extra) {
        Object value = Objects.requireNonNull(extra.getValue(), () -> "extra " + providerId + "." + extra.getKey());
        // Extras end up in request bodies or form fields, which only take scalars.
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("extra " + providerId + "." + extra.getKey()
                    + " must be a String, Number or Boolean but was a " + value.getClass().getName());
        }
        return value;
    }

    /** A builder with the given prompt and every other field unset. */
    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    /** A builder that starts from this request. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The extras for {@code providerId}, by name; empty when there are none. */
    public Map<String, Object> extras(String providerId) {
        return extras.getOrDefault(providerId, Map.of());
    }

    /** Builds {@link ImageRequest}s; setters take {@code null} to return a field to the provider default. */
    public static final class Builder {
        private String prompt;
        private @Nullable String model;
        private @Nullable Integer count;
        private @Nullable ImageSize size;
        private @Nullable Long seed;
        private @Nullable String negativePrompt;
        private @Nullable Quality quality;
        private @Nullable Background background;
        private @Nullable OutputFormat outputFormat;
        private @Nullable Integer outputCompression;
        private @Nullable Moderation moderation;
        private @Nullable Integer partialImages;
        private @Nullable String user;
        private final List<InputImage> images = new ArrayList<>();
        private @Nullable InputImage mask;
        private final Map<String, Map<String, Object>> extras = new LinkedHashMap<>();

        private Builder(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
        }

        private Builder(ImageRequest request) {
            this(request.prompt);
            model = request.model;
            count = request.count;
            size = request.size;
            seed = request.seed;
            negativePrompt = request.negativePrompt;
            quality = request.quality;
            background = request.background;
            outputFormat = request.outputFormat;
            outputCompression = request.outputCompression;
            moderation = request.moderation;
            partialImages = request.partialImages;
            user = request.user;
            images.addAll(request.images);
            mask = request.mask;
            request.extras.forEach((provider, values) -> extras.put(provider, new LinkedHashMap<>(values)));
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

        public Builder partialImages(@Nullable Integer partialImages) {
            this.partialImages = partialImages;
            return this;
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /** Adds a reference image, after those already added. */
        public Builder image(InputImage image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        /** Replaces the reference images. */
        public Builder images(List<InputImage> images) {
            this.images.clear();
            images.forEach(this::image);
            return this;
        }

        public Builder mask(@Nullable InputImage mask) {
            this.mask = mask;
            return this;
        }

        /** Sets the provider-specific setting {@code name} of {@code providerId}; a {@code null} value removes it. */
        public Builder extra(String providerId, String name, @Nullable Object value) {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(name, "name");
            if (value == null) {
                Map<String, Object> values = extras.get(providerId);
                if (values != null) {
                    values.remove(name);
                }
            } else {
                extras.computeIfAbsent(providerId, id -> new LinkedHashMap<>()).put(name, value);
            }
            return this;
        }

        public ImageRequest build() {
            return new ImageRequest(prompt, model, count, size, seed, negativePrompt, quality, background,
                    outputFormat, outputCompression, moderation, partialImages, user, images, mask, extras);
        }
    }
}
