package dev.imagegen4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What one model accepts, and the check of a request against it. Immutable and thread-safe.
 *
 * <p>{@link #validate(ImageRequest)} reports <em>every</em> problem at once. The rule codes are stable:
 * <table>
 * <caption>Rules</caption>
 * <tr><th>field</th><th>rule</th><th>meaning</th></tr>
 * <tr><td>prompt</td><td>prompt.blank, prompt.max_length</td><td>not blank; at most {@link #maxPromptLength()} characters</td></tr>
 * <tr><td>model</td><td>model.unknown (warning)</td><td>the model is not in a catalog; only generic rules apply</td></tr>
 * <tr><td>n</td><td>n.range</td><td>within {@link #count()}</td></tr>
 * <tr><td>size</td><td>size.one_of, size.multiple_of, size.max_edge, size.max_aspect_ratio, size.pixels,
 *     size.experimental (warning)</td><td>see {@link SizeRule}</td></tr>
 * <tr><td>quality</td><td>quality.not_accepted, quality.one_of</td><td>within {@link #qualities()}; none at all for {@code -plus} models</td></tr>
 * <tr><td>background</td><td>background.one_of, background.requires_format</td><td>within {@link #backgrounds()};
 *     transparent only with a format in {@link #transparencyFormats()}</td></tr>
 * <tr><td>output_format</td><td>output_format.one_of</td><td>within {@link #formats()}</td></tr>
 * <tr><td>output_compression</td><td>output_compression.range, output_compression.requires_format</td><td>within
 *     {@link #compression()} and only with a format in {@link #compressionFormats()}</td></tr>
 * <tr><td>moderation</td><td>moderation.one_of</td><td>within {@link #moderations()}</td></tr>
 * <tr><td>stream</td><td>stream.not_supported</td><td>only when {@link #supportsStreaming()}</td></tr>
 * <tr><td>partial_images</td><td>partial_images.range, partial_images.requires_stream</td><td>within
 *     {@link #partialImages()} and only with {@code stream} true</td></tr>
 * </table>
 */
public final class ModelSpec {
    private final String id;
    private final boolean known;
    private final SizeRule sizes;
    private final Set<Quality> qualities;
    private final Set<Background> backgrounds;
    private final Set<OutputFormat> transparencyFormats;
    private final Set<OutputFormat> formats;
    private final Set<OutputFormat> compressionFormats;
    private final IntRange compression;
    private final Set<Moderation> moderations;
    private final IntRange count;
    private final IntRange partialImages;
    private final int maxPromptLength;
    private final boolean streaming;

    private ModelSpec(Builder builder) {
        id = builder.id;
        known = builder.known;
        sizes = builder.sizes;
        qualities = immutable(builder.qualities);
        backgrounds = immutable(builder.backgrounds);
        transparencyFormats = immutable(builder.transparencyFormats);
        formats = immutable(builder.formats);
        compressionFormats = immutable(builder.compressionFormats);
        compression = builder.compression;
        moderations = immutable(builder.moderations);
        count = builder.count;
        partialImages = builder.partialImages;
        maxPromptLength = builder.maxPromptLength;
        streaming = builder.streaming;
    }

    private static <E extends Enum<E>> Set<E> immutable(EnumSet<E> values) {
        // Set.copyOf would lose the declaration order that messages and listings rely on.
        return Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    /**
     * A builder for the model {@code id}, starting from the generic rules that apply to any GPT-image
     * style model: any size, every quality, background, format and moderation, transparency with PNG
     * or WebP, compression 0..100 with JPEG or WebP, 1..10 images, 0..3 partial images, prompts of up
     * to 32,000 characters, streaming supported, and not {@link #isKnown() known}.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The model id as sent on the wire, such as {@code gpt-image-2}. */
    public String id() {
        return id;
    }

    /** Whether the model is in a catalog; unknown models get the generic rules and a warning. */
    public boolean isKnown() {
        return known;
    }

    public SizeRule sizes() {
        return sizes;
    }

    /** The qualities the model accepts; empty when it takes no {@code quality} parameter at all. */
    public Set<Quality> qualities() {
        return qualities;
    }

    public Set<Background> backgrounds() {
        return backgrounds;
    }

    /** The output formats that can carry a transparent background. */
    public Set<OutputFormat> transparencyFormats() {
        return transparencyFormats;
    }

    public Set<OutputFormat> formats() {
        return formats;
    }

    /** The output formats to which {@code output_compression} applies. */
    public Set<OutputFormat> compressionFormats() {
        return compressionFormats;
    }

    /** The accepted {@code output_compression} values, in percent. */
    public IntRange compression() {
        return compression;
    }

    public Set<Moderation> moderations() {
        return moderations;
    }

    /** The accepted number of images per request ({@code n}). */
    public IntRange count() {
        return count;
    }

    /** The accepted number of partial images per final image when streaming. */
    public IntRange partialImages() {
        return partialImages;
    }

    /** The longest accepted prompt, in characters (Unicode code points). */
    public int maxPromptLength() {
        return maxPromptLength;
    }

    public boolean supportsStreaming() {
        return streaming;
    }

    /** Shorthand for {@code sizes().nearest(aspectWidth, aspectHeight, pixelBudget)}; see {@link SizeRule#nearest}. */
    public ImageSize nearestSize(int aspectWidth, int aspectHeight, long pixelBudget) {
        return sizes.nearest(aspectWidth, aspectHeight, pixelBudget);
    }

    /**
     * Checks {@code request} against this model. Does no I/O and never throws for a bad request:
     * every problem is in the result.
     */
    public ValidationResult validate(ImageRequest request) {
        List<Violation> found = new ArrayList<>();
        checkPrompt(request.prompt(), found);
        if (!known) {
            found.add(Violation.warning("model", "model.unknown", id, "model '" + id
                    + "' is not in the catalog; it is sent as is and checked only against the generic rules"));
        }
        Integer n = request.count();
        if (n != null && !count.contains(n)) {
            found.add(Violation.error("n", "n.range", n, "n must be between " + count.min() + " and "
                    + count.max() + " on model " + id + " but was " + n));
        }
        ImageSize size = request.size();
        if (size != null) {
            found.addAll(sizes.check(size, id));
        }
        checkQuality(request.quality(), found);
        checkBackground(request.background(), request.outputFormat(), found);
        checkOneOf("output_format", request.outputFormat(), formats, found);
        checkCompression(request.outputCompression(), request.outputFormat(), found);
        checkOneOf("moderation", request.moderation(), moderations, found);
        if (request.isStreaming() && !streaming) {
            found.add(Violation.error("stream", "stream.not_supported", true,
                    "stream is not supported by model " + id + "; use generate() instead"));
        }
        checkPartialImages(request.partialImages(), request.isStreaming(), found);
        return new ValidationResult(id, found);
    }

    private void checkPrompt(String prompt, List<Violation> found) {
        if (prompt.isBlank()) {
            found.add(Violation.error("prompt", "prompt.blank", null, "prompt must not be blank"));
            return;
        }
        int length = prompt.codePointCount(0, prompt.length());
        if (length > maxPromptLength) {
            found.add(Violation.error("prompt", "prompt.max_length", length + " characters",
                    String.format(Locale.ROOT, "prompt is %,d characters long; model %s accepts at most %,d",
                            length, id, maxPromptLength)));
        }
    }

    private void checkQuality(@Nullable Quality quality, List<Violation> found) {
        if (quality == null) {
            return;
        }
        if (qualities.isEmpty()) {
            found.add(Violation.error("quality", "quality.not_accepted", quality, "quality is not accepted by model "
                    + id + ", which chooses the quality itself; leave quality unset"));
        } else {
            checkOneOf("quality", quality, qualities, found);
        }
    }

    private void checkBackground(@Nullable Background background, @Nullable OutputFormat format,
                                 List<Violation> found) {
        if (background == null) {
            return;
        }
        if (!backgrounds.contains(background)) {
            found.add(oneOf("background", background, backgrounds));
        } else if (background == Background.TRANSPARENT
                && (format == null || !transparencyFormats.contains(format))) {
            found.add(Violation.error("background", "background.requires_format", background,
                    "background transparent needs output_format " + or(transparencyFormats) + " but output_format is "
                            + (format == null ? "unset" : format)));
        }
    }

    private void checkCompression(@Nullable Integer level, @Nullable OutputFormat format, List<Violation> found) {
        if (level == null) {
            return;
        }
        if (!compression.contains(level)) {
            found.add(Violation.error("output_compression", "output_compression.range", level,
                    "output_compression must be between " + compression.min() + " and " + compression.max()
                            + " but was " + level));
        }
        if (format == null || !compressionFormats.contains(format)) {
            found.add(Violation.error("output_compression", "output_compression.requires_format", level,
                    "output_compression applies only to output_format " + or(compressionFormats)
                            + " but output_format is " + (format == null ? "unset" : format)));
        }
    }

    private void checkPartialImages(@Nullable Integer partial, boolean streamRequested, List<Violation> found) {
        if (partial == null) {
            return;
        }
        if (!partialImages.contains(partial)) {
            found.add(Violation.error("partial_images", "partial_images.range", partial,
                    "partial_images must be between " + partialImages.min() + " and " + partialImages.max()
                            + " but was " + partial));
        }
        if (!streamRequested) {
            found.add(Violation.error("partial_images", "partial_images.requires_stream", partial,
                    "partial_images is only used when stream is true"));
        }
    }

    private <E extends Enum<E>> void checkOneOf(String field, @Nullable E value, Set<E> accepted,
                                                List<Violation> found) {
        if (value != null && !accepted.contains(value)) {
            found.add(oneOf(field, value, accepted));
        }
    }

    private Violation oneOf(String field, Object value, Collection<?> accepted) {
        return Violation.error(field, field + ".one_of", value, field + " " + value + " is not supported by model "
                + id + "; use one of " + accepted.stream().map(Object::toString).collect(Collectors.joining(", ")));
    }

    private static String or(Set<OutputFormat> values) {
        List<String> names = values.stream().map(OutputFormat::wireName).toList();
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + id + (known ? "" : " (unknown)") + ", sizes=" + sizes + ", qualities=" + qualities
                + ", backgrounds=" + backgrounds + ", transparencyFormats=" + transparencyFormats
                + ", formats=" + formats + ", compression=" + compression + " for " + compressionFormats
                + ", moderations=" + moderations + ", n=" + count + ", partialImages=" + partialImages
                + ", maxPromptLength=" + maxPromptLength + ", streaming=" + streaming + "]";
    }

    /** Builds {@link ModelSpec}s; see {@link ModelSpec#builder(String)} for the starting values. */
    public static final class Builder {
        private String id;
        private boolean known;
        private SizeRule sizes = SizeRule.any();
        private EnumSet<Quality> qualities = EnumSet.allOf(Quality.class);
        private EnumSet<Background> backgrounds = EnumSet.allOf(Background.class);
        private EnumSet<OutputFormat> transparencyFormats = EnumSet.of(OutputFormat.PNG, OutputFormat.WEBP);
        private EnumSet<OutputFormat> formats = EnumSet.allOf(OutputFormat.class);
        private EnumSet<OutputFormat> compressionFormats = EnumSet.of(OutputFormat.JPEG, OutputFormat.WEBP);
        private IntRange compression = IntRange.of(0, 100);
        private EnumSet<Moderation> moderations = EnumSet.allOf(Moderation.class);
        private IntRange count = IntRange.of(1, 10);
        private IntRange partialImages = IntRange.of(0, 3);
        private int maxPromptLength = 32_000;
        private boolean streaming = true;

        private Builder(String id) {
            this.id = requireId(id);
        }

        private Builder(ModelSpec spec) {
            id = spec.id;
            known = spec.known;
            sizes = spec.sizes;
            qualities = copy(spec.qualities, Quality.class);
            backgrounds = copy(spec.backgrounds, Background.class);
            transparencyFormats = copy(spec.transparencyFormats, OutputFormat.class);
            formats = copy(spec.formats, OutputFormat.class);
            compressionFormats = copy(spec.compressionFormats, OutputFormat.class);
            compression = spec.compression;
            moderations = copy(spec.moderations, Moderation.class);
            count = spec.count;
            partialImages = spec.partialImages;
            maxPromptLength = spec.maxPromptLength;
            streaming = spec.streaming;
        }

        private static String requireId(String id) {
            if (Objects.requireNonNull(id, "id").isBlank()) {
                throw new IllegalArgumentException("model id must not be blank");
            }
            return id;
        }

        private static <E extends Enum<E>> EnumSet<E> copy(Collection<E> values, Class<E> type) {
            EnumSet<E> copy = EnumSet.noneOf(type);
            copy.addAll(values);
            return copy;
        }

        public Builder id(String id) {
            this.id = requireId(id);
            return this;
        }

        /** Marks the model as catalogued, so that validation adds no unknown-model warning. */
        public Builder known(boolean known) {
            this.known = known;
            return this;
        }

        public Builder sizes(SizeRule sizes) {
            this.sizes = Objects.requireNonNull(sizes, "sizes");
            return this;
        }

        /** The accepted qualities; pass none for a model that takes no {@code quality} parameter. */
        public Builder qualities(Quality... qualities) {
            this.qualities = copy(List.of(qualities), Quality.class);
            return this;
        }

        public Builder backgrounds(Background... backgrounds) {
            this.backgrounds = copy(List.of(backgrounds), Background.class);
            return this;
        }

        public Builder transparencyFormats(OutputFormat... formats) {
            this.transparencyFormats = copy(List.of(formats), OutputFormat.class);
            return this;
        }

        public Builder formats(OutputFormat... formats) {
            this.formats = copy(List.of(formats), OutputFormat.class);
            return this;
        }

        public Builder compression(IntRange range, OutputFormat... formats) {
            this.compression = Objects.requireNonNull(range, "range");
            this.compressionFormats = copy(List.of(formats), OutputFormat.class);
            return this;
        }

        public Builder moderations(Moderation... moderations) {
            this.moderations = copy(List.of(moderations), Moderation.class);
            return this;
        }

        public Builder count(IntRange count) {
            this.count = Objects.requireNonNull(count, "count");
            return this;
        }

        public Builder partialImages(IntRange partialImages) {
            this.partialImages = Objects.requireNonNull(partialImages, "partialImages");
            return this;
        }

        public Builder maxPromptLength(int maxPromptLength) {
            if (maxPromptLength < 1) {
                throw new IllegalArgumentException("maxPromptLength must be positive but was " + maxPromptLength);
            }
            this.maxPromptLength = maxPromptLength;
            return this;
        }

        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        public ModelSpec build() {
            return new ModelSpec(this);
        }
    }
}
