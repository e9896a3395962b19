package dev.imagegen4j.openai;

import dev.imagegen4j.Background;
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
 * The GPT image models as OpenAI-compatible services serve them, with the rules of GPTProto's images
 * API ({@code POST /v1/images/generations}, https://gptproto.com/docs): {@code gpt-image-1} (the
 * default), {@code gpt-image-1-mini}, {@code gpt-image-1.5} and {@code gpt-image-2}. Adding a model is
 * one entry.
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
            .build();

    private static final ModelSpec GPT_IMAGE_1 = FAMILY.toBuilder().id("gpt-image-1")
            .known(true)
            .sizes(SizeRule.fixed(ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536)))
            .build();

    // The vendor page allows a transparent background only on gpt-image-1, and gives flexible sizes
    // only to gpt-image-2; the other gpt-image-1 family models keep gpt-image-1's fixed sizes, as in
    // OpenAI's contract, and the opaque/auto backgrounds.
    private static final List<ModelSpec> LISTED = List.of(
            GPT_IMAGE_1,
            GPT_IMAGE_1.toBuilder().id("gpt-image-1-mini").backgrounds(Background.AUTO, Background.OPAQUE).build(),
            GPT_IMAGE_1.toBuilder().id("gpt-image-1.5").backgrounds(Background.AUTO, Background.OPAQUE).build(),
            FAMILY.toBuilder().id("gpt-image-2")
                    .known(true)
                    .sizes(new SizeRule.Flexible(16, 3840, 3.0, new SizeRule.LongRange(655_360, 8_294_400),
                            ImageSize.of(2560, 1440), List.of(
                                    ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536),
                                    ImageSize.of(2048, 2048), ImageSize.of(2048, 1152), ImageSize.of(3840, 2160),
                                    ImageSize.of(2160, 3840))))
                    .backgrounds(Background.AUTO, Background.OPAQUE)
                    .build());

    private static final ModelCatalog CATALOG = ModelCatalog.of("gpt-image-1", LISTED, GptImageModels::unlisted);

    private GptImageModels() {
    }

    /** The catalog of the family, whose default model is {@code gpt-image-1}. */
    public static ModelCatalog catalog() {
        return CATALOG;
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
