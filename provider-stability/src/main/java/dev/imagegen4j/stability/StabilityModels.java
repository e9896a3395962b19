package dev.imagegen4j.stability;

import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The Stable Image models and their rules, as data. Every rule comes from Stability's v2beta OpenAPI
 * document (the copy vendored by tryAGI/StabilityAI, see docs/providers/stability.md [S1]):
 * https://github.com/tryAGI/StabilityAI/blob/016c91ba97c1d174b3e2a01966f6223379aab94f/src/libs/StabilityAI/openapi.yaml
 */
final class StabilityModels {
    /** The most images a request may ask for; Stability makes one per call, so core fans them out. */
    static final int MAX_IMAGES = 10;
    /** sd3 and ultra refuse requests above 10 MiB (their 413); a reference image must leave room for the rest. */
    static final long MAX_INPUT_BYTES = 10L * 1024 * 1024 - 64 * 1024;
    /** The smallest side of a reference image on ultra and sd3, in pixels. */
    static final int MIN_INPUT_SIDE = 64;
    /** The largest side of a reference image on ultra, in pixels. */
    static final int MAX_INPUT_SIDE = 16_384;
    /** The longest {@code stability-client-*} header value. */
    static final int MAX_HEADER_LENGTH = 256;

    // The ASPECT enum of all three operations, in the spec's order; 1:1 is the service's default.
    private static final List<ImageSize.AspectRatio> RATIOS = List.of(ImageSize.ratio(21, 9), ImageSize.ratio(16, 9),
            ImageSize.ratio(3, 2), ImageSize.ratio(5, 4), ImageSize.ratio(1, 1), ImageSize.ratio(4, 5),
            ImageSize.ratio(2, 3), ImageSize.ratio(9, 16), ImageSize.ratio(9, 21));

    // The STYLE enum of style_preset, accepted by core, ultra and sd3 alike.
    private static final ExtraSetting STYLE_PRESET = ExtraSetting.oneOf("style_preset",
            "guides the image model towards a particular style", "enhance", "anime", "photographic", "digital-art",
            "comic-book", "fantasy-art", "line-art", "analog-film", "neon-punk", "isometric", "low-poly", "origami",
            "modeling-compound", "cinematic", "3d-model", "pixel-art", "tile-texture");
    // ultra and sd3: required with a reference image; 0 keeps the input, 1 ignores it. No default.
    static final ExtraSetting STRENGTH = ExtraSetting.number("strength", 0, 1,
            "with a reference image (required then): 0 keeps it as it is, 1 ignores it");
    // sd3 only: default 4 for Large and Medium, 1 for Turbo.
    private static final ExtraSetting CFG_SCALE = ExtraSetting.number("cfg_scale", 1, 10,
            "how strictly the image follows the prompt");

    /** Which operation a model is served by, and what that operation takes besides the common fields. */
    enum Endpoint {
        /** POST /v2beta/stable-image/generate/core: text to image only. */
        CORE("core"),
        /** POST /v2beta/stable-image/generate/ultra: an optional {@code image} with {@code strength}. */
        ULTRA("ultra"),
        /** POST /v2beta/stable-image/generate/sd3: {@code model}, and {@code mode=image-to-image} with an image. */
        SD3("sd3");

        final String path;

        Endpoint(String name) {
            this.path = "/v2beta/stable-image/generate/" + name;
        }
    }

    /**
     * A model as the wire needs it.
     *
     * @param modelField the sd3 {@code model} value, or {@code null} on core and ultra
     */
    record Route(Endpoint endpoint, @Nullable String modelField) {
    }

    static final String CORE = "stable-image-core";
    static final String ULTRA = "stable-image-ultra";
    /** The sd3 {@code model} enum, in the spec's order; sd3.5-large is the service's default. */
    static final List<String> SD3 = List.of("sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium");

    private static final ModelCatalog CATALOG = ModelCatalog.of(CORE, specs(), StabilityModels::unlisted);

    private StabilityModels() {
    }

    static ModelCatalog catalog() {
        return CATALOG;
    }

    /**
     * Where a request for {@code modelId} goes: a listed model's endpoint, or for an id the catalog does
     * not list, {@code sd3...} to the sd3 endpoint with that {@code model} value (such as
     * {@code sd3.5-flash}, named in the spec's text but not in its enum); {@code null} for other ids.
     */
    static @Nullable Route route(String modelId) {
        if (modelId.equals(CORE)) {
            return new Route(Endpoint.CORE, null);
        }
        if (modelId.equals(ULTRA)) {
            return new Route(Endpoint.ULTRA, null);
        }
        return modelId.startsWith("sd3") ? new Route(Endpoint.SD3, modelId) : null;
    }

    /** The ids a request may name, for messages. */
    static String listed() {
        return CATALOG.models().stream().map(ModelSpec::id).collect(Collectors.joining(", "));
    }

    /**
     * What the wire refuses that the declarations cannot say, as a rule of every spec, so that core reports
     * it with the other violations before anything is sent.
     */
    private static List<Violation> problems(ImageRequest request, ModelSpec spec, String providerId) {
        String model = spec.id();
        Route route = route(model);
        List<Violation> found = new ArrayList<>();
        if (route == null) {
            found.add(Violation.of("model", "model.no_endpoint", model, "model " + model + " has no Stability endpoint;"
                    + " use one of " + listed() + ", or another sd3 model value such as sd3.5-flash"));
            return found;
        }
        Object strength = request.extras(providerId).get(STRENGTH.name());
        String strengthField = "extras." + providerId + ".strength";
        if (!request.images().isEmpty() && strength == null) {
            // Stability documents no default: how much of the input to keep is the caller's choice.
            found.add(Violation.of(strengthField, "extras.required", null, strengthField + " (0 to 1) is required"
                    + " with a reference image on model " + model + ": 0 keeps the image, 1 ignores it"));
        }
        if (request.images().isEmpty() && strength != null) {
            found.add(Violation.of(strengthField, "extras.requires_image", strength, strengthField
                    + " applies only with a reference image"));
        }
        if (!request.images().isEmpty() && route.endpoint() == Endpoint.SD3 && request.size() != null
                && !request.size().isAuto()) {
            // The spec: aspect_ratio is "only valid for text-to-image"; the output takes the input's shape.
            found.add(Violation.of("size", "size.requires_text_to_image", request.size(), "size " + request.size()
                    + " is not taken with a reference image on model " + model
                    + ", whose image-to-image output follows the input's shape; leave size unset"));
        }
        for (InputImage image : request.images()) {
            int longest = route.endpoint() == Endpoint.ULTRA ? MAX_INPUT_SIDE : Integer.MAX_VALUE;
            if (Math.min(image.width(), image.height()) < MIN_INPUT_SIDE
                    || Math.max(image.width(), image.height()) > longest) {
                found.add(Violation.of("images", "images.dimensions", image, "the reference image is "
                        + image.width() + "x" + image.height() + "; model " + model + " takes sides of "
                        + MIN_INPUT_SIDE + (longest == Integer.MAX_VALUE ? " pixels or more"
                        : " to " + longest + " pixels")));
            }
        }
        String user = request.user();
        if (user != null && user.length() > MAX_HEADER_LENGTH) {
            found.add(Violation.of("user", "user.max_length", user.length() + " characters", "user is "
                    + user.length() + " characters long; Stability takes at most " + MAX_HEADER_LENGTH));
        }
        return found;
    }

    private static List<ModelSpec> specs() {
        // generate/core: prompt, aspect_ratio, negative_prompt, seed, style_preset, output_format.
        ModelSpec core = common(CORE).extras(STYLE_PRESET).build();
        // generate/ultra: the same, and image (jpeg, png, webp) with strength.
        ModelSpec ultra = withImage(common(ULTRA)).extras(STYLE_PRESET, STRENGTH).build();
        // generate/sd3: the same as ultra with mode=image-to-image, and model and cfg_scale.
        Function<String, ModelSpec> sd3 = id -> withImage(common(id)).extras(STYLE_PRESET, STRENGTH, CFG_SCALE).build();
        return Stream.concat(Stream.of(core, ultra), SD3.stream().map(sd3)).toList();
    }

    /** What all three operations take: prompt and negative prompt of 10,000 characters, seeds, ratios, formats. */
    private static ModelSpec.Builder common(String id) {
        return ModelSpec.builder(id)
                .known(true)
                .sizes(SizeRule.aspectRatios(RATIOS.toArray(ImageSize.AspectRatio[]::new)))
                .count(IntRange.of(1, MAX_IMAGES))
                // No samples or n field on any of the three: one image per call.
                .maxImagesPerCall(1)
                .maxPromptLength(10_000)
                .negativePrompt(10_000)
                // 0 asks the service for a random seed.
                .seeds(0, 4_294_967_294L)
                .formats(OutputFormat.PNG, OutputFormat.JPEG, OutputFormat.WEBP)
                // Sent as the stability-client-user-id header.
                .user(true)
                .noStreaming()
                .rule(StabilityModels::problems);
    }

    private static ModelSpec.Builder withImage(ModelSpec.Builder builder) {
        return builder.inputImages(IntRange.of(0, 1), MAX_INPUT_BYTES, ImageFormat.PNG, ImageFormat.JPEG,
                ImageFormat.WEBP);
    }

    /** An unlisted {@code sd3...} id gets the sd3 rules, anything else core's; both marked unknown. */
    private static ModelSpec unlisted(String id) {
        ModelSpec like = CATALOG.find(id.startsWith("sd3") ? SD3.get(0) : CORE).orElseThrow();
        return like.toBuilder().id(id).known(false).build();
    }
}
