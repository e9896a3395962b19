package dev.imagegen4j.mock;

import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mock} provider: deterministic, offline, real images. It serves the same gpt-image models
 * as {@code gptproto} with the same rules, so that swapping one for the other is a dependency change,
 * and models that exercise every neutral setting offline:
 * <ul>
 * <li>{@code mock-ratio}: aspect-ratio sizes (1:1, 16:9, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21, tiers 1K
 *     and 2K), seeds 0..4294967294, negative prompts of up to 10,000 characters, the extra
 *     {@code style} ({@code flat} or {@code noise}), one image per call (so more are split into calls),
 *     no streaming and no usage reported, like a vendor that bills per image;</li>
 * <li>{@code mock-async}: as {@code mock-ratio}, but each image is a job (see {@link MockBehavior#jobTime}
 *     and {@link MockBehavior#jobOutcome}), so {@code ImageGenerator.submit} and re-attaching to a job
 *     from another process work offline;</li>
 * <li>{@code mock-edit}: 1 to 4 reference images and a mask (the output has the first image's size
 *     unless a size is given), seeds, up to 4 images per call, streaming, token usage reported.</li>
 * </ul>
 * Every image is a function of the whole request (prompt, size, seed, negative prompt, extras,
 * reference images): the same request gives the same bytes on any JVM. Needs no API key.
 *
 * <p>Discovery builds the provider with the script of its settings ({@link MockBehavior#from}); tests
 * hand it a script of their own to change while it runs:
 * <pre>{@code
 * MockBehavior behavior = new MockBehavior().failNext(MockFault.RATE_LIMIT);
 * ImageGenerator generator = ImageGenerator.create(new MockImageProvider(behavior), ProviderConfig.defaults());
 * }</pre>
 */
public final class MockImageProvider implements ImageProvider {
    /** The provider id, {@code mock}. */
    public static final String ID = "mock";

    private static final ModelSpec MOCK_RATIO = ModelSpec.builder("mock-ratio")
            .known(true)
            .sizes(new SizeRule.AspectRatios(List.of(ImageSize.ratio(1, 1), ImageSize.ratio(16, 9),
                    ImageSize.ratio(21, 9), ImageSize.ratio(2, 3), ImageSize.ratio(3, 2), ImageSize.ratio(4, 5),
                    ImageSize.ratio(5, 4), ImageSize.ratio(9, 16), ImageSize.ratio(9, 21)), Set.of())
                    .withTiers("1K", "2K"))
            .count(IntRange.of(1, 10))
            .maxImagesPerCall(1)
            .maxPromptLength(10_000)
            .seeds(0, 4_294_967_294L)
            .negativePrompt(10_000)
            .formats(OutputFormat.PNG, OutputFormat.JPEG, OutputFormat.WEBP)
            .extras(ExtraSetting.oneOf("style", "how the mock paints the image", "flat", "noise"))
            .build();

    private static final ModelSpec MOCK_ASYNC = MOCK_RATIO.toBuilder().id("mock-async").jobs(true).build();

    private static final ModelSpec MOCK_EDIT = ModelSpec.builder("mock-edit")
            .known(true)
            .sizes(SizeRule.fixed(ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536)))
            .count(IntRange.of(1, 8))
            .maxImagesPerCall(4)
            .seeds(0, Integer.MAX_VALUE)
            .inputImages(IntRange.of(1, 4), 50L * 1024 * 1024, ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP)
            .mask(true)
            .formats(OutputFormat.PNG, OutputFormat.JPEG, OutputFormat.WEBP)
            .streaming(IntRange.of(0, 3))
            .build();



    private static final ModelCatalog MODELS = catalog();

    /** The models that, like vendors billing per image, report no token usage. */
    static final Set<String> BILLED_PER_IMAGE = Set.of(MOCK_RATIO.id(), MOCK_ASYNC.id());

    private final @Nullable MockBehavior behavior;

    /** A provider whose generators follow the script of their {@code mock} settings; does no I/O. */
    public MockImageProvider() {
        this.behavior = null;
    }

    /** A provider whose generators all follow {@code behavior}, which the caller may change at any time. */
    public MockImageProvider(MockBehavior behavior) {
        this.behavior = Objects.requireNonNull(behavior, "behavior");
    }

    private static ModelCatalog catalog() {
        ModelCatalog gptImage = GptImageModels.catalog();
        List<ModelSpec> models = new ArrayList<>(gptImage.models());
        models.add(MOCK_RATIO);
        models.add(MOCK_EDIT);
        models.add(MOCK_ASYNC);
        return ModelCatalog.of(gptImage.defaultModel(), models, gptImage::specFor);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Mock (offline, deterministic)";
    }

    @Override
    public ModelCatalog models() {
        return MODELS;
    }

    @Override
    public List<ProviderSetting> settings() {
        return MockBehavior.SETTINGS;
    }

    /**
     * @throws IllegalArgumentException naming the setting when a {@code mock} setting is invalid
     */
    @Override
    public ImageBackend open(ProviderConfig config) {
        return new MockBackend(behavior != null ? behavior : MockBehavior.from(config));
    }
}
