package dev.imagegen4j;

import dev.imagegen4j.SizeRule.LongRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What one model accepts, and the check of a request against it. Immutable and thread-safe.
 *
 * <p>A spec declares every setting the model takes; {@link #builder(String)} starts from a model that
 * takes nothing but a prompt. A setting the model does not take is an error naming the setting, the
 * model and what it does take ({@code <field>.not_supported}), or in lenient mode dropped with a
 * {@link Warning} ({@code <field>.dropped}). Field names are {@link ImageRequest}'s.
 *
 * <p>{@link #validate} reports <em>every</em> problem at once. The rule codes are stable:
 * <table>
 * <caption>Rules</caption>
 * <tr><th>field</th><th>rules</th><th>meaning</th></tr>
 * <tr><td>prompt</td><td>prompt.blank, prompt.max_length</td><td>not blank; at most {@link #maxPromptLength()} characters</td></tr>
 * <tr><td>count</td><td>count.range</td><td>within {@link #count()}; above {@link #maxImagesPerCall()} the generator splits it</td></tr>
 * <tr><td>size</td><td>size.one_of, size.ratio_one_of, size.ratio_not_accepted, size.tier_not_accepted,
 *     size.multiple_of, size.max_edge, size.max_aspect_ratio, size.pixels</td><td>see {@link SizeRule}</td></tr>
 * <tr><td>seed</td><td>seed.range</td><td>within {@link #seeds()}</td></tr>
 * <tr><td>negativePrompt</td><td>negativePrompt.blank, negativePrompt.max_length</td><td>at most {@link #maxNegativePromptLength()}</td></tr>
 * <tr><td>quality, moderation, outputFormat</td><td>&lt;field&gt;.one_of</td><td>within the declared set</td></tr>
 * <tr><td>background</td><td>background.one_of, background.requires_format</td><td>transparent only with a
 *     format in {@link #transparencyFormats()}</td></tr>
 * <tr><td>outputCompression</td><td>outputCompression.range, outputCompression.requires_format</td><td>within
 *     {@link #compression()}, only with a format in {@link #compressionFormats()}</td></tr>
 * <tr><td>stream</td><td>stream.not_supported</td><td>only when {@link #supportsStreaming()} or {@link #jobs()}</td></tr>
 * <tr><td>partialImages</td><td>partialImages.range, partialImages.requires_stream</td><td>within
 *     {@link #partialImages()}, only when streaming</td></tr>
 * <tr><td>images</td><td>images.count, images.format, images.max_bytes</td><td>within {@link #inputImages()},
 *     of {@link #inputFormats()}, each at most {@link #maxInputImageBytes()}</td></tr>
 * <tr><td>mask</td><td>mask.requires_image, mask.size_mismatch, mask.no_alpha</td><td>with a reference
 *     image of the same dimensions, with an alpha channel</td></tr>
 * <tr><td>extras.&lt;provider&gt;.&lt;name&gt;</td><td>extras.invalid, extras.not_supported</td><td>as its
 *     {@link ExtraSetting} says; only declared extras, unless {@link #acceptsUndeclaredExtras()}</td></tr>
 * </table>
 * A provider adds checks the declarations cannot express as {@link RequestRule}s, whose codes it documents.
 * Warnings: {@code model.unknown}, {@code size.mapped}, {@code size.experimental}, {@code <field>.dropped}
 * (and {@code extras.dropped} for an extra).
 */
public final class ModelSpec {
    /** Every setting a request can carry besides the prompt, in declaration order. */
    private static final List<String> SETTINGS = List.of("count", "size", "seed", "negativePrompt", "quality",
            "background", "outputFormat", "outputCompression", "moderation", "partialImages", "user", "images",
            "mask", "extras");

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
    private final int maxImagesPerCall;
    private final boolean streaming;
    private final IntRange partialImages;
    private final boolean jobs;
    private final int maxPromptLength;
    private final @Nullable LongRange seeds;
    private final int maxNegativePromptLength;
    private final IntRange inputImages;
    private final Set<ImageFormat> inputFormats;
    private final long maxInputImageBytes;
    private final boolean mask;
    private final boolean user;
    private final Map<String, ExtraSetting> extras;
    private final boolean openExtras;
    private final List<RequestRule> rules;
    private final @Nullable TokenRule tokenRule;

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
        maxImagesPerCall = builder.maxImagesPerCall == 0 ? builder.count.max() : builder.maxImagesPerCall;
        streaming = builder.streaming;
        partialImages = builder.partialImages;
        jobs = builder.jobs;
        maxPromptLength = builder.maxPromptLength;
        seeds = builder.seeds;
        maxNegativePromptLength = builder.maxNegativePromptLength;
        inputImages = builder.inputImages;
        inputFormats = immutable(builder.inputFormats);
        maxInputImageBytes = builder.maxInputImageBytes;
        mask = builder.mask;
        user = builder.user;
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extras));
        openExtras = builder.openExtras;
        rules = List.copyOf(builder.rules);
        tokenRule = builder.tokenRule;
    }

    private static <E extends Enum<E>> Set<E> immutable(EnumSet<E> values) {
        // Set.copyOf would lose the declaration order that messages and listings rely on.
        return Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    /**
     * A builder for the model {@code id}, starting from a model that takes a prompt of up to 32,000
     * characters and nothing else: one image per request, any size, no seed, no other setting, no
     * streaming, not {@link #isKnown() known}. Declare what the model takes.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The model id as the provider names it, such as {@code gpt-image-2}. */
    public String id() {
        return id;
    }

    /** Whether the model is in a catalog; unknown models get their provider's generic rules and a warning. */
    public boolean isKnown() {
        return known;
    }

    public SizeRule sizes() {
        return sizes;
    }

    /** The qualities the model accepts; empty when it takes no quality setting at all. */
    public Set<Quality> qualities() {
        return qualities;
    }

    /** The backgrounds the model accepts; empty when it takes no background setting. */
    public Set<Background> backgrounds() {
        return backgrounds;
    }

    /** The output formats that can carry a transparent background. */
    public Set<OutputFormat> transparencyFormats() {
        return transparencyFormats;
    }

    /** The output formats the model can be asked for; empty when it takes no format setting. */
    public Set<OutputFormat> formats() {
        return formats;
    }

    /** The output formats to which compression applies; empty when it takes no compression setting. */
    public Set<OutputFormat> compressionFormats() {
        return compressionFormats;
    }

    /** The accepted compression values, in percent. */
    public IntRange compression() {
        return compression;
    }

    /** The moderation levels the model accepts; empty when it takes none. */
    public Set<Moderation> moderations() {
        return moderations;
    }

    /** The accepted number of images per request. */
    public IntRange count() {
        return count;
    }

    /** The most images one provider call makes; the generator splits larger requests into several calls. */
    public int maxImagesPerCall() {
        return maxImagesPerCall;
    }

    public boolean supportsStreaming() {
        return streaming;
    }

    /**
     * Whether the model's generations run as jobs the vendor holds: {@link ImageGenerator#submit}
     * returns at once with a job that survives a restart, and {@code generate()} submits and waits.
     * Streaming such a model reports the job's progress and its completed images.
     */
    public boolean jobs() {
        return jobs;
    }

    /** The accepted number of partial images per final image when streaming. */
    public IntRange partialImages() {
        return partialImages;
    }

    /** The longest accepted prompt, in characters (Unicode code points). */
    public int maxPromptLength() {
        return maxPromptLength;
    }

    /** The accepted seeds, or {@code null} when the model takes no seed. */
    public @Nullable LongRange seeds() {
        return seeds;
    }

    /** The longest accepted negative prompt in characters; 0 when the model takes none. */
    public int maxNegativePromptLength() {
        return maxNegativePromptLength;
    }

    /** How many reference images the model takes; {@code 0..0} when it takes none. */
    public IntRange inputImages() {
        return inputImages;
    }

    /** The formats reference images and masks may have. */
    public Set<ImageFormat> inputFormats() {
        return inputFormats;
    }

    /** The largest accepted reference image or mask, in bytes. */
    public long maxInputImageBytes() {
        return maxInputImageBytes;
    }

    /** Whether the model takes a mask with its first reference image. */
    public boolean supportsMask() {
        return mask;
    }

    /** Whether the model takes an end-user id. */
    public boolean supportsUser() {
        return user;
    }

    /** The provider-specific settings the model declares, by name. */
    public Map<String, ExtraSetting> extras() {
        return extras;
    }

    /** Whether undeclared extras are passed on unchecked, as for a model no catalog knows. */
    public boolean acceptsUndeclaredExtras() {
        return openExtras;
    }

    /**
     * How the model counts the tokens of a request, for a model billed by the token; {@code null} for a
     * model billed per image (or whose token rule is not known).
     */
    public @Nullable TokenRule tokenRule() {
        return tokenRule;
    }

    /** The settings the model takes besides the prompt, by {@link ImageRequest} name. */
    public List<String> settings() {
        return SETTINGS.stream().filter(this::takes).toList();
    }

    private boolean takes(String setting) {
        return switch (setting) {
            case "count" -> count.max() > 1;
            case "size" -> true;
            case "seed" -> seeds != null;
            case "negativePrompt" -> maxNegativePromptLength > 0;
            case "quality" -> !qualities.isEmpty();
            case "background" -> !backgrounds.isEmpty();
            case "outputFormat" -> !formats.isEmpty();
            case "outputCompression" -> !compressionFormats.isEmpty();
            case "moderation" -> !moderations.isEmpty();
            case "partialImages" -> streaming && partialImages.max() > 0;
            case "user" -> user;
            case "images" -> inputImages.max() > 0;
            case "mask" -> mask;
            case "extras" -> openExtras || !extras.isEmpty();
            default -> throw new AssertionError(setting);
        };
    }

    /** Shorthand for {@code sizes().nearest(aspectWidth, aspectHeight, pixelBudget)}; see {@link SizeRule#nearest}. */
    public ImageSize nearestSize(int aspectWidth, int aspectHeight, long pixelBudget) {
        return sizes.nearest(aspectWidth, aspectHeight, pixelBudget);
    }

    /**
     * Checks {@code request} for {@code providerId} strictly and for a non-streaming call; see
     * {@link #validate(ImageRequest, String, ValidationOptions)}.
     */
    public ValidationResult validate(ImageRequest request, String providerId) {
        return validate(request, providerId, ValidationOptions.STRICT);
    }

    /**
     * Checks {@code request} against this model, as a request to {@code providerId} (whose
     * {@link ImageRequest#extras(String) extras} apply). Does no I/O and never throws for a bad request:
     * every problem is in the result, and a valid result holds the request to send.
     */
    public ValidationResult validate(ImageRequest request, String providerId, ValidationOptions options) {
        Check check = new Check(request, options.lenient());
        checkPrompt(request.prompt(), check);
        if (!known) {
            check.warn("model", "model.unknown", "model '" + id
                    + "' is not in the catalog; it is sent as is and checked only against the provider's generic rules");
        }
        check.resolved.model(id);
        Integer n = request.count();
        if (n != null && !count.contains(n)) {
            check.error("count", "count.range", n, "count must be between " + count.min() + " and " + count.max()
                    + " on model " + id + " but was " + n);
        }
        checkSize(request.size(), options.lenient(), check);
        checkSeed(request.seed(), check);
        checkNegativePrompt(request.negativePrompt(), check);
        checkOneOf("quality", request.quality(), qualities, check, b -> b.quality(null));
        checkBackground(request.background(), request.outputFormat(), check);
        checkOneOf("outputFormat", request.outputFormat(), formats, check, b -> b.outputFormat(null));
        checkCompression(request.outputCompression(), request.outputFormat(), check);
        checkOneOf("moderation", request.moderation(), moderations, check, b -> b.moderation(null));
        checkStreaming(request.partialImages(), options, check);
        if (request.user() != null && !user) {
            check.unsupported("user", request.user(), b -> b.user(null));
        }
        checkImages(request.images(), request.mask(), check);
        checkExtras(request, providerId, check);
        for (RequestRule rule : rules) {
            check.errors.addAll(rule.check(request, this, providerId));
        }
        return check.result();
    }

    private void checkPrompt(String prompt, Check check) {
        if (prompt.isBlank()) {
            check.error("prompt", "prompt.blank", null, "prompt must not be blank");
            return;
        }
        int length = prompt.codePointCount(0, prompt.length());
        if (length > maxPromptLength) {
            check.error("prompt", "prompt.max_length", length + " characters",
                    String.format(Locale.ROOT, "prompt is %,d characters long; model %s accepts at most %,d",
                            length, id, maxPromptLength));
        }
    }

    private void checkSize(@Nullable ImageSize size, boolean lenient, Check check) {
        if (size == null) {
            return;
        }
        SizeRule.Resolution resolution = sizes.resolve(size, id, lenient);
        check.errors.addAll(resolution.errors());
        check.warnings.addAll(resolution.warnings());
        check.resolved.size(resolution.size());
    }

    private void checkSeed(@Nullable Long seed, Check check) {
        if (seed == null) {
            return;
        }
        if (seeds == null) {
            check.unsupported("seed", seed, b -> b.seed(null));
        } else if (!seeds.contains(seed)) {
            check.error("seed", "seed.range", seed, "seed must be between " + seeds.min() + " and " + seeds.max()
                    + " on model " + id + " but was " + seed);
        }
    }

    private void checkNegativePrompt(@Nullable String negativePrompt, Check check) {
        if (negativePrompt == null) {
            return;
        }
        if (maxNegativePromptLength == 0) {
            check.unsupported("negativePrompt", shorten(negativePrompt), b -> b.negativePrompt(null));
            return;
        }
        if (negativePrompt.isBlank()) {
            check.error("negativePrompt", "negativePrompt.blank", null,
                    "negativePrompt must not be blank; leave it unset for none");
        }
        int length = negativePrompt.codePointCount(0, negativePrompt.length());
        if (length > maxNegativePromptLength) {
            check.error("negativePrompt", "negativePrompt.max_length", length + " characters",
                    String.format(Locale.ROOT, "negativePrompt is %,d characters long; model %s accepts at most %,d",
                            length, id, maxNegativePromptLength));
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private void checkBackground(@Nullable Background background, @Nullable OutputFormat format, Check check) {
        if (background == null) {
            return;
        }
        if (backgrounds.isEmpty()) {
            check.unsupported("background", background, b -> b.background(null));
        } else if (!backgrounds.contains(background)) {
            check.errors.add(oneOf("background", background, backgrounds));
        } else if (background == Background.TRANSPARENT
                && (format == null || !transparencyFormats.contains(format))) {
            check.error("background", "background.requires_format", background,
                    "background transparent needs output format " + or(transparencyFormats)
                            + " but the output format is "
                            + (format == null ? "unset" : format));
        }
    }

    private void checkCompression(@Nullable Integer level, @Nullable OutputFormat format, Check check) {
        if (level == null) {
            return;
        }
        if (compressionFormats.isEmpty()) {
            check.unsupported("outputCompression", level, b -> b.outputCompression(null));
            return;
        }
        if (!compression.contains(level)) {
            check.error("outputCompression", "outputCompression.range", level,
                    "outputCompression must be between " + compression.min() + " and " + compression.max()
                            + " but was " + level);
        }
        if (format == null || !compressionFormats.contains(format)) {
            check.error("outputCompression", "outputCompression.requires_format", level,
                    "outputCompression applies only to output format " + or(compressionFormats)
                            + " but the output format is " + (format == null ? "unset" : format));
        }
    }

    private void checkStreaming(@Nullable Integer partial, ValidationOptions options, Check check) {
        if (options.streaming() && !streaming && !jobs) {
            if (options.lenient()) {
                check.warn("stream", "stream.dropped", "model " + id
                        + " does not stream; each image is delivered when it is complete");
            } else {
                check.error("stream", "stream.not_supported", true,
                        "model " + id + " does not stream; use generate() instead");
            }
        }
        if (partial == null) {
            return;
        }
        if (!streaming || !options.streaming()) {
            if (options.lenient()) {
                check.drop("partialImages", "partialImages.dropped", partial, b -> b.partialImages(null), !streaming
                        ? "model " + id + " does not stream" : "partial images apply only when streaming");
            } else if (!streaming) {
                check.unsupported("partialImages", partial, b -> b.partialImages(null));
            } else {
                check.error("partialImages", "partialImages.requires_stream", partial,
                        "partialImages applies only when streaming; stream the request or leave it unset");
            }
            return;
        }
        if (!partialImages.contains(partial)) {
            check.error("partialImages", "partialImages.range", partial, "partialImages must be between "
                    + partialImages.min() + " and " + partialImages.max() + " but was " + partial);
        }
    }

    private void checkImages(List<InputImage> images, @Nullable InputImage maskImage, Check check) {
        if (!images.isEmpty() && inputImages.max() == 0) {
            check.unsupported("images", images.size() + " images", b -> b.images(List.of()));
        } else if (!inputImages.contains(images.size())) {
            check.error("images", "images.count", images.size(), "model " + id + " takes "
                    + (inputImages.min() == inputImages.max() ? String.valueOf(inputImages.min())
                    : "between " + inputImages.min() + " and " + inputImages.max())
                    + (inputImages.max() == 1 ? " reference image" : " reference images") + " but was given "
                    + images.size());
        } else {
            for (int i = 0; i < images.size(); i++) {
                checkInput("images", "reference image " + (i + 1), images.get(i), check);
            }
        }
        if (maskImage == null) {
            return;
        }
        if (!mask) {
            check.unsupported("mask", maskImage, b -> b.mask(null));
            return;
        }
        checkInput("mask", "the mask", maskImage, check);
        if (images.isEmpty()) {
            check.error("mask", "mask.requires_image", maskImage, "a mask needs a reference image to apply to");
        } else if (images.get(0).width() != maskImage.width() || images.get(0).height() != maskImage.height()) {
            check.error("mask", "mask.size_mismatch", maskImage, "the mask is " + maskImage.width() + "x"
                    + maskImage.height() + " but the first reference image is " + images.get(0).width() + "x"
                    + images.get(0).height() + "; they must be the same size");
        }
        if (!maskImage.hasAlpha()) {
            check.error("mask", "mask.no_alpha", maskImage,
                    "the mask has no alpha channel; its transparent pixels mark where to edit");
        }
    }

    private void checkInput(String field, String what, InputImage image, Check check) {
        if (!inputFormats.contains(image.format())) {
            check.error(field, field + ".format", image, what + " is " + image.format() + "; model " + id
                    + " takes " + inputFormats.stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        if (image.byteCount() > maxInputImageBytes) {
            check.error(field, field + ".max_bytes", image, String.format(Locale.ROOT,
                    "%s is %,d bytes; model %s takes at most %,d", what, image.byteCount(), id, maxInputImageBytes));
        }
    }

    private void checkExtras(ImageRequest request, String providerId, Check check) {
        Map<String, Object> given = request.extras(providerId);
        for (Map.Entry<String, Object> extra : given.entrySet()) {
            String field = "extras." + providerId + "." + extra.getKey();
            ExtraSetting declared = extras.get(extra.getKey());
            if (declared != null) {
                String problem = declared.problem(extra.getValue());
                if (problem != null) {
                    check.error(field, "extras.invalid", extra.getValue(), field + " " + problem + " on model " + id
                            + " but was " + extra.getValue());
                }
            } else if (!openExtras) {
                String accepted = extras.isEmpty() ? "none" : String.join(", ", extras.keySet());
                if (check.lenient) {
                    check.drop(field, "extras.dropped", extra.getValue(),
                            b -> b.extra(providerId, extra.getKey(), null), "model " + id + " declares no such setting");
                } else {
                    check.error(field, "extras.not_supported", extra.getValue(), field + " is not a setting of model "
                            + id + "; its " + providerId + " settings are: " + accepted);
                }
            }
        }
    }

    private <E extends Enum<E>> void checkOneOf(String field, @Nullable E value, Set<E> accepted, Check check,
                                                Consumer<ImageRequest.Builder> drop) {
        if (value == null) {
            return;
        }
        if (accepted.isEmpty()) {
            check.unsupported(field, value, drop);
        } else if (!accepted.contains(value)) {
            check.errors.add(oneOf(field, value, accepted));
        }
    }

    private Violation oneOf(String field, Object value, Collection<?> accepted) {
        return Violation.of(field, field + ".one_of", value, field + " " + value + " is not supported by model "
                + id + "; use one of " + accepted.stream().map(Object::toString).collect(Collectors.joining(", ")));
    }

    private static String or(Set<OutputFormat> values) {
        List<String> names = values.stream().map(OutputFormat::id).toList();
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The state of one validation: what is wrong, what to warn about, and the request to send. */
    private final class Check {
        final boolean lenient;
        final List<Violation> errors = new ArrayList<>();
        final List<Warning> warnings = new ArrayList<>();
        final ImageRequest.Builder resolved;

        Check(ImageRequest request, boolean lenient) {
            this.lenient = lenient;
            this.resolved = request.toBuilder();
        }

        void error(String field, String rule, @Nullable Object value, String message) {
            errors.add(Violation.of(field, rule, value, message));
        }

        void warn(String setting, String code, String reason) {
            warnings.add(new Warning(setting, id, code, reason));
        }

        /** A setting the model does not take at all: refused, or in lenient mode dropped with a warning. */
        void unsupported(String field, Object value, Consumer<ImageRequest.Builder> remove) {
            if (lenient) {
                drop(field, field + ".dropped", value, remove, "model " + id + " does not take it");
            } else {
                error(field, field + ".not_supported", value, field + " is not supported by model " + id
                        + "; it takes prompt, " + String.join(", ", settings()));
            }
        }

        void drop(String field, String code, Object value, Consumer<ImageRequest.Builder> remove, String why) {
            remove.accept(resolved);
            warn(field, code, field + " " + value + " was dropped: " + why + " (lenient mode)");
        }

        ValidationResult result() {
            return new ValidationResult(id, errors, warnings, errors.isEmpty() ? resolved.build() : null);
        }
    }

    @Override
    public String toString() {
        return "ModelSpec[" + id + (known ? "" : " (unknown)") + ", sizes=" + sizes + ", settings=" + settings()
                + ", n=" + count + " (" + maxImagesPerCall + " per call), maxPromptLength=" + maxPromptLength
                + ", streaming=" + streaming + (jobs ? ", jobs" : "") + "]";
    }

    /** Builds {@link ModelSpec}s; see {@link ModelSpec#builder(String)} for the starting values. */
    public static final class Builder {
        private String id;
        private boolean known;
        private SizeRule sizes = SizeRule.any();
        private EnumSet<Quality> qualities = EnumSet.noneOf(Quality.class);
        private EnumSet<Background> backgrounds = EnumSet.noneOf(Background.class);
        private EnumSet<OutputFormat> transparencyFormats = EnumSet.noneOf(OutputFormat.class);
        private EnumSet<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        private EnumSet<OutputFormat> compressionFormats = EnumSet.noneOf(OutputFormat.class);
        private IntRange compression = IntRange.of(0, 100);
        private EnumSet<Moderation> moderations = EnumSet.noneOf(Moderation.class);
        private IntRange count = IntRange.of(1, 1);
        private int maxImagesPerCall;
        private boolean streaming;
        private IntRange partialImages = IntRange.of(0, 0);
        private boolean jobs;
        private int maxPromptLength = 32_000;
        private @Nullable LongRange seeds;
        private int maxNegativePromptLength;
        private IntRange inputImages = IntRange.of(0, 0);
        private EnumSet<ImageFormat> inputFormats = EnumSet.allOf(ImageFormat.class);
        private long maxInputImageBytes = 50L * 1024 * 1024;
        private boolean mask;
        private boolean user;
        private final Map<String, ExtraSetting> extras = new LinkedHashMap<>();
        private boolean openExtras;
        private final List<RequestRule> rules = new ArrayList<>();
        private @Nullable TokenRule tokenRule;

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
            maxImagesPerCall = spec.maxImagesPerCall;
            streaming = spec.streaming;
            partialImages = spec.partialImages;
            jobs = spec.jobs;
            maxPromptLength = spec.maxPromptLength;
            seeds = spec.seeds;
            maxNegativePromptLength = spec.maxNegativePromptLength;
            inputImages = spec.inputImages;
            inputFormats = copy(spec.inputFormats, ImageFormat.class);
            maxInputImageBytes = spec.maxInputImageBytes;
            mask = spec.mask;
            user = spec.user;
            extras.putAll(spec.extras);
            openExtras = spec.openExtras;
            rules.addAll(spec.rules);
            tokenRule = spec.tokenRule;
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

        /** The accepted qualities; none for a model that takes no quality setting. */
        public Builder qualities(Quality... qualities) {
            this.qualities = copy(List.of(qualities), Quality.class);
            return this;
        }

        /** The accepted backgrounds; none for a model that takes no background setting. */
        public Builder backgrounds(Background... backgrounds) {
            this.backgrounds = copy(List.of(backgrounds), Background.class);
            return this;
        }

        public Builder transparencyFormats(OutputFormat... formats) {
            this.transparencyFormats = copy(List.of(formats), OutputFormat.class);
            return this;
        }

        /** The output formats the model can be asked for; none when it takes no format setting. */
        public Builder formats(OutputFormat... formats) {
            this.formats = copy(List.of(formats), OutputFormat.class);
            return this;
        }

        /** The accepted compression levels and the formats they apply to; no formats for none. */
        public Builder compression(IntRange range, OutputFormat... formats) {
            this.compression = Objects.requireNonNull(range, "range");
            this.compressionFormats = copy(List.of(formats), OutputFormat.class);
            return this;
        }

        public Builder moderations(Moderation... moderations) {
            this.moderations = copy(List.of(moderations), Moderation.class);
            return this;
        }

        /** The accepted number of images per request, split into calls of at most {@link #maxImagesPerCall}. */
        public Builder count(IntRange count) {
            this.count = Objects.requireNonNull(count, "count");
            return this;
        }

        /** The most images one call makes; defaults to the most images per request. */
        public Builder maxImagesPerCall(int maxImagesPerCall) {
            if (maxImagesPerCall < 1) {
                throw new IllegalArgumentException("maxImagesPerCall must be positive but was " + maxImagesPerCall);
            }
            this.maxImagesPerCall = maxImagesPerCall;
            return this;
        }

        /** The model streams, with up to {@code partialImages} previews per image. */
        public Builder streaming(IntRange partialImages) {
            this.streaming = true;
            this.partialImages = Objects.requireNonNull(partialImages, "partialImages");
            return this;
        }

        /** Whether the model's generations run as jobs; see {@link ModelSpec#jobs()}. */
        public Builder jobs(boolean jobs) {
            this.jobs = jobs;
            return this;
        }

        /** The model does not stream. */
        public Builder noStreaming() {
            this.streaming = false;
            this.partialImages = IntRange.of(0, 0);
            return this;
        }

        public Builder maxPromptLength(int maxPromptLength) {
            if (maxPromptLength < 1) {
                throw new IllegalArgumentException("maxPromptLength must be positive but was " + maxPromptLength);
            }
            this.maxPromptLength = maxPromptLength;
            return this;
        }

        /** The model takes a seed within {@code min..max}. */
        public Builder seeds(long min, long max) {
            this.seeds = new LongRange(min, max);
            return this;
        }

        /** The model takes a negative prompt of up to {@code maxLength} characters. */
        public Builder negativePrompt(int maxLength) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("the longest negative prompt must be positive but was " + maxLength);
            }
            this.maxNegativePromptLength = maxLength;
            return this;
        }

        /** The model takes {@code count} reference images of {@code formats}, each at most {@code maxBytes}. */
        public Builder inputImages(IntRange count, long maxBytes, ImageFormat... formats) {
            this.inputImages = Objects.requireNonNull(count, "count");
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive but was " + maxBytes);
            }
            this.maxInputImageBytes = maxBytes;
            this.inputFormats = copy(List.of(formats), ImageFormat.class);
            return this;
        }

        /** Whether the model takes a mask with its first reference image. */
        public Builder mask(boolean mask) {
            this.mask = mask;
            return this;
        }

        /** Whether the model takes an end-user id. */
        public Builder user(boolean user) {
            this.user = user;
            return this;
        }

        /** Declares provider-specific settings, replacing any of the same name. */
        public Builder extras(ExtraSetting... settings) {
            for (ExtraSetting setting : settings) {
                extras.put(setting.name(), setting);
            }
            return this;
        }

        /** Whether undeclared extras pass unchecked; for a provider's generic rules for models no catalog knows. */
        public Builder acceptUndeclaredExtras(boolean open) {
            this.openExtras = open;
            return this;
        }

        /** Adds a check of whole requests that the declarations cannot express; see {@link RequestRule}. */
        public Builder rule(RequestRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** How the model counts the tokens of a request, for a model billed by the token; see {@link TokenRule}. */
        public Builder tokens(@Nullable TokenRule rule) {
            this.tokenRule = rule;
            return this;
        }

        public ModelSpec build() {
            if (maxImagesPerCall > count.max()) {
                maxImagesPerCall = count.max();
            }
            return new ModelSpec(this);
        }
    }
}
