package dev.imagegen4j.openai;

import dev.imagegen4j.Background;
import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import dev.imagegen4j.SizeRule;
import java.util.List;

/**
 * The image models of the OpenAI-compatible images API, as GPTProto serves them on
 * {@code POST /v1/images/generations} and {@code POST /v1/images/edits} (https://gptproto.com/docs):
 * the GPT image family ({@code gpt-image-1}, the default, {@code gpt-image-1-mini},
 * {@code gpt-image-1.5}, {@code gpt-image-2}; each also edits, with up to 16 reference images and a
 * mask), and the other families GPTProto puts on the same endpoint: {@code flux-kontext-pro} (aspect
 * ratios, at most 4 images per call, answered with {@code url}s), Seedream
 * ({@code doubao-seedream-3-0-t2i-250415}: seed, {@code guidance_scale}, {@code watermark}; answered
 * with {@code url}s) and {@code gemini-2.5-flash-image} (aspect ratios). Adding a model is one entry.
 *
 * <p>Whether a model answers with {@code b64_json} or with a {@code url} is read from each response
 * item itself ({@link ImagesResponseJson.Result#urls()}); {@link #URL_RESULTS} lists the models
 * documented to answer with URLs.
 *
 * <p>The GPT image models declare how they count tokens ({@link GptImageTokens}), so that core prices
 * them before sending; the other families are billed per image and declare none.
 *
 * <p>An unlisted id ending in {@code -plus} is a "plus" variant, which takes no quality: it gets its
 * base model's rules without qualities (and is known when its base is). Any other unlisted id gets the
 * generic rules of the family (any size, every option the family has, undeclared extras passed on)
 * with a {@code model.unknown} warning.
 */
public final class GptImageModels {
    private static final String PLUS_SUFFIX = "-plus";

    /** What every model of the family takes: GPTProto's parameter table. */
    private static final ModelSpec FAMILY = ModelSpec.builder("gpt-image")
            .count(IntRange.of(1, 10))
            .maxPromptLength(32_000)
            .qualities(Quality.AUTO, Quality.LOW, Quality.MEDIUM, Quality.HIGH)
            .backgrounds(Background.AUTO, Background.OPAQUE, Background.TRANSPARENT)
            .transparencyFormats(OutputFormat.PNG, OutputFormat.WEBP)
            .formats(OutputFormat.AUTO, OutputFormat.PNG, OutputFormat.JPEG, OutputFormat.WEBP)
            .compression(IntRange.of(0, 100), OutputFormat.JPEG, OutputFormat.WEBP)
            .moderations(Moderation.AUTO, Moderation.LOW)
            .streaming(IntRange.of(0, 3))
            .user(true)
            // OpenAI's edits contract (platform.openai.com/docs/api-reference/images/createEdit), which
            // GPTProto's /v1/images/edits follows: up to 16 png, webp or jpg images of less than 50 MB
            // each; a mask of the first image's dimensions with an alpha channel.
            .inputImages(IntRange.of(0, 16), 50L * 1000 * 1000 - 1, ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP)
            .mask(true)
            .build();

    /** The extras of {@code /v1/images/edits} that only some GPT image models take. */
    private static final ExtraSetting INPUT_FIDELITY = ExtraSetting.oneOf("input_fidelity",
            "how closely an edit keeps the input images' features", "high", "low");

    // OpenAI's input_fidelity (platform.openai.com/docs/api-reference/images/createEdit): gpt-image-1
    // and gpt-image-1.5, not gpt-image-1-mini; gpt-image-2 keeps every input at high fidelity and takes
    // no such parameter.
    private static final ModelSpec GPT_IMAGE_1_MINI = FAMILY.toBuilder().id("gpt-image-1-mini")
            .known(true)
            .sizes(SizeRule.fixed(ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536)))
            .backgrounds(Background.AUTO, Background.OPAQUE)
            .tokens(GptImageTokens.TABLE)
            .build();

    private static final ModelSpec GPT_IMAGE_1 = GPT_IMAGE_1_MINI.toBuilder().id("gpt-image-1")
            .backgrounds(Background.AUTO, Background.OPAQUE, Background.TRANSPARENT)
            .extras(INPUT_FIDELITY)
            .build();

    private static final IntRange NO_GPT_IMAGE_COUNT = IntRange.of(1, 10);

    // The vendor page allows a transparent background only on gpt-image-1, and gives flexible sizes
    // only to gpt-image-2; the other gpt-image-1 family models keep gpt-image-1's fixed sizes, as in
    // OpenAI's contract, and the opaque/auto backgrounds.
    private static final List<ModelSpec> LISTED = List.of(
            GPT_IMAGE_1,
            GPT_IMAGE_1_MINI,
            GPT_IMAGE_1.toBuilder().id("gpt-image-1.5").backgrounds(Background.AUTO, Background.OPAQUE).build(),
            FAMILY.toBuilder().id("gpt-image-2")
                    .known(true)
                    .sizes(new SizeRule.Flexible(16, 3840, 3.0, new SizeRule.LongRange(655_360, 8_294_400),
                            ImageSize.of(2560, 1440), List.of(
                                    ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536),
                                    ImageSize.of(2048, 2048), ImageSize.of(2048, 1152), ImageSize.of(3840, 2160),
                                    ImageSize.of(2160, 3840))))
                    .backgrounds(Background.AUTO, Background.OPAQUE)
                    .tokens(GptImageTokens.FLEXIBLE)
                    .build(),
            // https://gptproto.apifox.cn/319068704e0 (GPTProto, flux-kontext-pro on /v1/images/generations):
            // size one of 16:9, 4:3, 3:2, 1:1, 2:3, 3:4, 9:16 (default 1:1), n at most 4, data[].url.
            // The page lists no other parameter, so none is declared; n above 4 is split by core.
            ModelSpec.builder("flux-kontext-pro")
                    .known(true)
                    .sizes(ratios(16, 9, 4, 3, 3, 2, 1, 1, 2, 3, 3, 4, 9, 16))
                    .count(NO_GPT_IMAGE_COUNT)
                    .maxImagesPerCall(4)
                    .build(),
            // https://docs.gptproto.com/docs/api/Doubao/doubao-seedream-3-0-t2i-250415/gptproto-format/text-to-image
            // (GPTProto): size (e.g. 1024x1024), seed, guidance_scale ("typical range 1.0-7.0"; the
            // Seedream edit page says 1.0-10.0), watermark, response_format url. The page documents no n
            // and no size range: conservatively one image per call (core splits n) and exact sizes of
            // 512..2048 px a side within 262,144..4,194,304 pixels (Seedream 3.0's documented area,
            // docs.aimlapi.com/api-references/image-models/bytedance/seedream-3.0), seed 0..2^31-1.
            ModelSpec.builder("doubao-seedream-3-0-t2i-250415")
                    .known(true)
                    .sizes(new SizeRule.Flexible(1, 2048, 4.0, new SizeRule.LongRange(262_144, 4_194_304),
                            ImageSize.of(2048, 2048), List.of(ImageSize.of(1024, 1024), ImageSize.of(2048, 2048))))
                    .count(NO_GPT_IMAGE_COUNT)
                    .maxImagesPerCall(1)
                    .seeds(0, Integer.MAX_VALUE)
                    .extras(ExtraSetting.number("guidance_scale", 1.0, 10.0, "how closely the image follows the prompt"),
                            ExtraSetting.bool("watermark", "whether the image carries a watermark; GPTProto's default is true"))
                    .build(),
            // https://docs.gptproto.com/docs/api/gemini/gemini-2.5-flash-image-preview/gptproto-format/text-to-image
            // (GPTProto, the same page family for gemini-2.5-flash-image on /v1/images/generations):
            // size one of 1:1, 3:2, 2:3, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9 (default 1:1), data[].b64_json.
            // No n is documented: conservatively one image per call.
            ModelSpec.builder("gemini-2.5-flash-image")
                    .known(true)
                    .sizes(ratios(1, 1, 3, 2, 2, 3, 3, 4, 4, 3, 4, 5, 5, 4, 9, 16, 16, 9, 21, 9))
                    .count(NO_GPT_IMAGE_COUNT)
                    .maxImagesPerCall(1)
                    .build());

    /** The listed models documented to answer with {@code data[].url} instead of {@code b64_json}. */
    public static final java.util.Set<String> URL_RESULTS = java.util.Set.of("flux-kontext-pro",
            "doubao-seedream-3-0-t2i-250415");

    private static final ModelCatalog CATALOG = ModelCatalog.of("gpt-image-1", LISTED, GptImageModels::unlisted);

    private GptImageModels() {
    }

    /** The catalog of the family, whose default model is {@code gpt-image-1}. */
    public static ModelCatalog catalog() {
        return CATALOG;
    }

    private static SizeRule.AspectRatios ratios(int... sides) {
        List<ImageSize.AspectRatio> ratios = new java.util.ArrayList<>();
        for (int i = 0; i < sides.length; i += 2) {
            ratios.add(ImageSize.ratio(sides[i], sides[i + 1]));
        }
        return new SizeRule.AspectRatios(ratios, java.util.Set.of());
    }

    private static ModelSpec unlisted(String id) {
        if (id.endsWith(PLUS_SUFFIX)) {
            String base = id.substring(0, id.length() - PLUS_SUFFIX.length());
            ModelSpec listed = LISTED.stream().filter(spec -> spec.id().equals(base)).findFirst().orElse(null);
            ModelSpec.Builder plus = listed == null ? generic(id) : listed.toBuilder().id(id);
            return plus.qualities().build();
        }
        return generic(id).build();
    }

    private static ModelSpec.Builder generic(String id) {
        return FAMILY.toBuilder().id(id).known(false).acceptUndeclaredExtras(true);
    }
}
