package dev.imagegen4j.bfl.api;

import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The FLUX models of Black Forest Labs' API and their rules, as data: one {@link ModelSpec} per
 * {@code POST /v1/{model}} endpoint, from BFL's OpenAPI document (docs/providers/bfl.md [B1]) and,
 * where the schema is silent (FLUX.2 sizes), BFL's help centre and skills repository [B7][B10].
 * Every model runs as a job ({@link ModelSpec#jobs()}), makes one image per task, and takes seeds
 * and the formats jpeg, png and webp. Ids the catalog does not list get FLUX.2's rules, marked unknown.
 */
public final class BflModels {
    public static final String FLUX_PRO_1_1 = "flux-pro-1.1";
    public static final String FLUX_PRO_1_1_ULTRA = "flux-pro-1.1-ultra";
    public static final String FLUX_DEV = "flux-dev";
    public static final String FLUX_KONTEXT_PRO = "flux-kontext-pro";
    public static final String FLUX_KONTEXT_MAX = "flux-kontext-max";
    public static final String FLUX_2_PRO = "flux-2-pro";
    public static final String FLUX_2_PRO_PREVIEW = "flux-2-pro-preview";
    public static final String FLUX_2_MAX = "flux-2-max";
    public static final String FLUX_2_FLEX = "flux-2-flex";
    public static final String FLUX_2_KLEIN_4B = "flux-2-klein-4b";
    public static final String FLUX_2_KLEIN_9B = "flux-2-klein-9b";
    public static final String FLUX_2_KLEIN_9B_PREVIEW = "flux-2-klein-9b-preview";

    /** The default model: flux-2-pro, which BFL's API reference calls the recommended default. */
    public static final String DEFAULT = FLUX_2_PRO;

    /** The most images one request may ask for; each is a task of its own. */
    public static final int MAX_IMAGES = 10;

    /** BFL's schema gives seeds no range; the largest 32-bit signed value is safe for any server's integer type. */
    public static final long MAX_SEED = Integer.MAX_VALUE;

    /** How a model is sized on the wire. */
    enum Sizing {
        /** {@code width} and {@code height}. */
        DIMENSIONS,
        /** {@code aspect_ratio}, such as {@code "16:9"}. */
        ASPECT_RATIO
    }

    /** How a model takes reference images on the wire. */
    enum Images {
        /** {@code image_prompt}: one image that guides the generation (FLUX Redux). */
        IMAGE_PROMPT,
        /** {@code input_image}, {@code input_image_2}, …: images to edit or to take as references. */
        INPUT_IMAGES
    }

    /**
     * What the wire needs to know about a model beyond its spec.
     *
     * @param defaultFormat the format BFL sends when {@code output_format} is unset
     */
    record Wire(Sizing sizing, Images images, OutputFormat defaultFormat) {
    }

    // FLUX.1 and 1.1: 0 (strictest) to 6; FLUX.2: 0 to 5 [B1].
    static final ExtraSetting SAFETY_TOLERANCE_6 = ExtraSetting.integer("safety_tolerance", 0, 6,
            "how tolerant moderation is of the input and output: 0 is the strictest, 6 the least (BFL's default 2)");
    static final ExtraSetting SAFETY_TOLERANCE_5 = ExtraSetting.integer("safety_tolerance", 0, 5,
            "how tolerant moderation is of the input and output: 0 is the strictest, 5 the least (BFL's default 2)");
    static final ExtraSetting PROMPT_UPSAMPLING = ExtraSetting.bool("prompt_upsampling",
            "lets BFL rewrite the prompt into a more detailed one (default false; true on flux-2-flex)");
    static final ExtraSetting RAW = ExtraSetting.bool("raw", "less processed, more natural-looking images (default false)");
    static final ExtraSetting IMAGE_PROMPT_STRENGTH = ExtraSetting.number("image_prompt_strength", 0, 1,
            "with a reference image only: how much it shapes the result (default 0.1)");
    static final ExtraSetting STEPS = ExtraSetting.integer("steps", 1, 50,
            "denoising steps (default 28 on flux-dev, 50 on flux-2-flex)");
    static final ExtraSetting GUIDANCE_DEV = ExtraSetting.number("guidance", 1.5, 5,
            "how closely the image follows the prompt (default 3)");
    static final ExtraSetting GUIDANCE_FLEX = ExtraSetting.number("guidance", 1.5, 10,
            "how closely the image follows the prompt (default 5)");

    /** FLUX.1 [pro] 1.1 and [dev]: both sides multiples of 32 from 256 to 1440 [B1]. */
    static final int FLUX1_MULTIPLE = 32;
    static final int FLUX1_MIN_SIDE = 256;
    static final int FLUX1_MAX_SIDE = 1440;
    /** FLUX.2: multiples of 16 [B7][B10], sides of at least 64 [B1][B10], at most 4 megapixels [B7][B10]. */
    static final int FLUX2_MULTIPLE = 16;
    static final int FLUX2_MIN_SIDE = 64;
    static final long FLUX2_MAX_PIXELS = 2048L * 2048;

    // "Between 21:9 and 9:21" [B1] (which is the help centre's "3:7 to 7:3" [B7]); the schema takes any
    // such string, these are the common shapes.
    private static final SizeRule RATIOS = SizeRule.aspectRatios(ImageSize.ratio(21, 9), ImageSize.ratio(16, 9),
            ImageSize.ratio(3, 2), ImageSize.ratio(4, 3), ImageSize.ratio(5, 4), ImageSize.ratio(1, 1),
            ImageSize.ratio(4, 5), ImageSize.ratio(3, 4), ImageSize.ratio(2, 3), ImageSize.ratio(9, 16),
            ImageSize.ratio(9, 21));

    private static final SizeRule FLUX1_SIZES = new SizeRule.Flexible(FLUX1_MULTIPLE, FLUX1_MAX_SIDE,
            (double) FLUX1_MAX_SIDE / FLUX1_MIN_SIDE,
            new SizeRule.LongRange((long) FLUX1_MIN_SIDE * FLUX1_MIN_SIDE, (long) FLUX1_MAX_SIDE * FLUX1_MAX_SIDE),
            ImageSize.of(FLUX1_MAX_SIDE, FLUX1_MAX_SIDE), List.of(ImageSize.of(1024, 768), ImageSize.of(768, 1024),
            ImageSize.of(1024, 1024), ImageSize.of(1440, 1440), ImageSize.of(1440, 800), ImageSize.of(800, 1440)));

    // No longest side is documented; 4 MP over the shortest side bounds it.
    private static final int FLUX2_MAX_SIDE = (int) (FLUX2_MAX_PIXELS / FLUX2_MIN_SIDE);
    private static final SizeRule FLUX2_SIZES = new SizeRule.Flexible(FLUX2_MULTIPLE, FLUX2_MAX_SIDE,
            (double) FLUX2_MAX_SIDE / FLUX2_MIN_SIDE,
            new SizeRule.LongRange((long) FLUX2_MIN_SIDE * FLUX2_MIN_SIDE, FLUX2_MAX_PIXELS),
            ImageSize.of(2048, 2048), List.of(ImageSize.of(1024, 1024), ImageSize.of(1536, 1024),
            ImageSize.of(1024, 1536), ImageSize.of(1920, 1088), ImageSize.of(2048, 2048)));

    private static final Map<String, Wire> WIRES = Map.ofEntries(
            Map.entry(FLUX_PRO_1_1, new Wire(Sizing.DIMENSIONS, Images.IMAGE_PROMPT, OutputFormat.JPEG)),
            Map.entry(FLUX_DEV, new Wire(Sizing.DIMENSIONS, Images.IMAGE_PROMPT, OutputFormat.JPEG)),
            Map.entry(FLUX_PRO_1_1_ULTRA, new Wire(Sizing.ASPECT_RATIO, Images.IMAGE_PROMPT, OutputFormat.JPEG)),
            Map.entry(FLUX_KONTEXT_PRO, new Wire(Sizing.ASPECT_RATIO, Images.INPUT_IMAGES, OutputFormat.PNG)),
            Map.entry(FLUX_KONTEXT_MAX, new Wire(Sizing.ASPECT_RATIO, Images.INPUT_IMAGES, OutputFormat.PNG)));
    private static final Wire FLUX2_WIRE = new Wire(Sizing.DIMENSIONS, Images.INPUT_IMAGES, OutputFormat.JPEG);

    private static final ModelCatalog CATALOG = ModelCatalog.of(DEFAULT, specs(), BflModels::unlisted);

    private BflModels() {
    }

    /** Every model, {@link #DEFAULT} first among equals; unlisted ids get FLUX.2's rules. */
    public static ModelCatalog catalog() {
        return CATALOG;
    }

    /** What the wire needs to know about {@code model}; unlisted ids are sent as FLUX.2 models are. */
    static Wire wire(String model) {
        return WIRES.getOrDefault(model, FLUX2_WIRE);
    }

    /** The format BFL answers in when a request sets none: png on Kontext, jpeg elsewhere [B1]. */
    public static OutputFormat defaultFormat(String model) {
        return wire(model).defaultFormat();
    }

    private static List<ModelSpec> specs() {
        List<ModelSpec> specs = new ArrayList<>();
        // FluxPro11Inputs: width/height, image_prompt, prompt_upsampling, seed, safety_tolerance 0-6, output_format.
        specs.add(flux1(FLUX_PRO_1_1).extras(PROMPT_UPSAMPLING, SAFETY_TOLERANCE_6).build());
        // FluxUltraInput: aspect_ratio instead of width/height, raw, image_prompt with image_prompt_strength.
        specs.add(common(FLUX_PRO_1_1_ULTRA, IntRange.of(0, 1)).sizes(RATIOS)
                .extras(PROMPT_UPSAMPLING, SAFETY_TOLERANCE_6, RAW, IMAGE_PROMPT_STRENGTH)
                .rule(BflModels::strengthNeedsImage).build());
        // FluxDevInputs: as flux-pro-1.1, and steps, guidance.
        specs.add(flux1(FLUX_DEV).extras(PROMPT_UPSAMPLING, SAFETY_TOLERANCE_6, STEPS, GUIDANCE_DEV).build());
        // FluxKontextProInputs (both Kontext models): input_image and up to 3 more, aspect_ratio.
        for (String kontext : List.of(FLUX_KONTEXT_PRO, FLUX_KONTEXT_MAX)) {
            specs.add(common(kontext, IntRange.of(0, 4)).sizes(RATIOS)
                    .extras(PROMPT_UPSAMPLING, SAFETY_TOLERANCE_6).build());
        }
        // Flux2Inputs: width/height, up to 8 input images, safety_tolerance 0-5, no prompt_upsampling.
        for (String flux2 : List.of(FLUX_2_PRO, FLUX_2_PRO_PREVIEW, FLUX_2_MAX)) {
            specs.add(flux2(flux2, 8).extras(SAFETY_TOLERANCE_5).build());
        }
        // Flux2FlexInputs: as Flux2Inputs, and prompt_upsampling, guidance, steps.
        specs.add(flux2(FLUX_2_FLEX, 8).extras(SAFETY_TOLERANCE_5, PROMPT_UPSAMPLING, GUIDANCE_FLEX, STEPS).build());
        // Flux2KleinInputs: as Flux2Inputs with at most 4 input images.
        for (String klein : List.of(FLUX_2_KLEIN_4B, FLUX_2_KLEIN_9B, FLUX_2_KLEIN_9B_PREVIEW)) {
            specs.add(flux2(klein, 4).extras(SAFETY_TOLERANCE_5).build());
        }
        return specs;
    }

    private static ModelSpec.Builder common(String id, IntRange images) {
        return ModelSpec.builder(id)
                .known(true)
                .count(IntRange.of(1, MAX_IMAGES))
                // A submit makes one image; the generator splits larger requests into tasks.
                .maxImagesPerCall(1)
                .seeds(0, MAX_SEED)
                .formats(OutputFormat.JPEG, OutputFormat.PNG, OutputFormat.WEBP)
                // Base64 (or URLs, which imagegen4j does not send); BFL documents no size limit.
                .inputImages(images, 50L * 1024 * 1024, ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP)
                .noStreaming()
                .jobs(true);
    }

    private static ModelSpec.Builder flux1(String id) {
        return common(id, IntRange.of(0, 1)).sizes(FLUX1_SIZES).rule((request, spec, provider) ->
                minSide(request, spec, FLUX1_MIN_SIDE));
    }

    private static ModelSpec.Builder flux2(String id, int images) {
        return common(id, IntRange.of(0, images)).sizes(FLUX2_SIZES).rule((request, spec, provider) ->
                minSide(request, spec, FLUX2_MIN_SIDE));
    }

    /** The shortest side the size rule cannot say: it bounds the longer side and the pixels only. */
    private static List<Violation> minSide(ImageRequest request, ModelSpec spec, int minimum) {
        if (request.size() instanceof ImageSize.Exact exact && Math.min(exact.width(), exact.height()) < minimum) {
            return List.of(Violation.of("size", "size.min_edge", exact, "size " + exact
                    + ": both sides must be at least " + minimum + " px on model " + spec.id()));
        }
        return List.of();
    }

    private static List<Violation> strengthNeedsImage(ImageRequest request, ModelSpec spec, String providerId) {
        Object strength = request.extras(providerId).get(IMAGE_PROMPT_STRENGTH.name());
        if (strength != null && request.images().isEmpty()) {
            String field = "extras." + providerId + "." + IMAGE_PROMPT_STRENGTH.name();
            return List.of(Violation.of(field, "extras.requires_image", strength, field
                    + " applies only with a reference image on model " + spec.id()));
        }
        return List.of();
    }

    private static ModelSpec unlisted(String id) {
        return CATALOG.specFor(FLUX_2_PRO).toBuilder().id(id).known(false).build();
    }

    /** Whether {@code model} is a listed model; for the mock's server, which serves only those. */
    public static boolean isListed(@Nullable String model) {
        return model != null && CATALOG.find(model).isPresent();
    }
}
