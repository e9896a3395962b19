package dev.imagegen4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The models a provider serves, with their {@link ModelSpec}s, and the rules for ids it does not
 * list. Immutable and thread-safe.
 *
 * <p>{@link #gptImage()} is the catalog of the GPT image models that both the {@code gptproto} and
 * the {@code mock} provider serve, so they validate identically; adding a model there is one entry.
 *
 * <p>Ids the catalog does not list are not refused: {@link #specFor(String)} gives them the generic
 * rules of {@link ModelSpec#builder(String)} and validation reports a {@code model.unknown} warning.
 * An id ending in {@code -plus} is a "plus" variant, which takes no {@code quality} parameter: it gets
 * the spec of its base model (or the generic rules) without qualities.
 */
public final class ModelCatalog {
    private static final String PLUS_SUFFIX = "-plus";

    private static final ModelSpec GPT_IMAGE_1 = ModelSpec.builder("gpt-image-1")
            .known(true)
            .sizes(SizeRule.fixed(ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536)))
            .build();

    // The vendor page allows a transparent background only on gpt-image-1, and gives flexible sizes
    // only to gpt-image-2; the other gpt-image-1 family models keep gpt-image-1's fixed sizes, as in
    // OpenAI's contract, and the opaque/auto backgrounds.
    private static final ModelCatalog GPT_IMAGE = of("gpt-image-1", List.of(
            GPT_IMAGE_1,
            GPT_IMAGE_1.toBuilder().id("gpt-image-1-mini")
                    .backgrounds(Background.AUTO, Background.OPAQUE).build(),
            GPT_IMAGE_1.toBuilder().id("gpt-image-1.5")
                    .backgrounds(Background.AUTO, Background.OPAQUE).build(),
            ModelSpec.builder("gpt-image-2")
                    .known(true)
                    .sizes(new SizeRule.Flexible(16, 3840, 3.0, new SizeRule.LongRange(655_360, 8_294_400),
                            ImageSize.of(2560, 1440), List.of(
                                    ImageSize.of(1024, 1024), ImageSize.of(1536, 1024), ImageSize.of(1024, 1536),
                                    ImageSize.of(2048, 2048), ImageSize.of(2048, 1152), ImageSize.of(3840, 2160),
                                    ImageSize.of(2160, 3840))))
                    .backgrounds(Background.AUTO, Background.OPAQUE)
                    .build()));

    private final String defaultModel;
    private final Map<String, ModelSpec> models;

    private ModelCatalog(String defaultModel, Map<String, ModelSpec> models) {
        this.defaultModel = defaultModel;
        this.models = models;
    }

    /**
     * A catalog of {@code models}, in the given order, whose {@code defaultModel} is used for requests
     * that name no model.
     *
     * @throws IllegalArgumentException when two specs share an id, or the default model is not among them
     */
    public static ModelCatalog of(String defaultModel, List<ModelSpec> models) {
        Objects.requireNonNull(defaultModel, "defaultModel");
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        for (ModelSpec spec : models) {
            if (byId.putIfAbsent(spec.id(), spec) != null) {
                throw new IllegalArgumentException("model '" + spec.id() + "' is listed twice");
            }
        }
        if (!byId.containsKey(defaultModel)) {
            throw new IllegalArgumentException("default model '" + defaultModel + "' is not among " + byId.keySet());
        }
        return new ModelCatalog(defaultModel, byId);
    }

    /**
     * The GPT image models: {@code gpt-image-1} (the default), {@code gpt-image-1-mini},
     * {@code gpt-image-1.5} and {@code gpt-image-2}, with the rules of the GPTProto images API.
     */
    public static ModelCatalog gptImage() {
        return GPT_IMAGE;
    }

    /** The model used when a request names none. */
    public String defaultModel() {
        return defaultModel;
    }

    /** The listed models, in catalog order. */
    public List<ModelSpec> models() {
        return List.copyOf(models.values());
    }

    /** The listed spec for {@code id}, without the rules for unlisted or {@code -plus} ids. */
    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /**
     * The spec a request for {@code modelId} is checked against: the listed one; for a {@code -plus}
     * id, its base model's without qualities; otherwise the generic rules (not {@link ModelSpec#isKnown() known}).
     * A {@code null} id means the {@link #defaultModel()}.
     *
     * @throws InvalidRequestException with the violation {@code model.blank} when the id is empty or blank,
     *         which no rules can be looked up for
     */
    public ModelSpec specFor(@Nullable String modelId) {
        String id = modelId == null ? defaultModel : modelId;
        if (id.isBlank()) {
            throw new InvalidRequestException(ErrorDetails.none(), "Invalid request", List.of(blankModel(id)));
        }
        ModelSpec listed = models.get(id);
        if (listed != null) {
            return listed;
        }
        if (id.endsWith(PLUS_SUFFIX)) {
            ModelSpec base = models.get(id.substring(0, id.length() - PLUS_SUFFIX.length()));
            ModelSpec.Builder plus = base == null ? ModelSpec.builder(id) : base.toBuilder().id(id);
            return plus.qualities().build();
        }
        return ModelSpec.builder(id).build();
    }

    /**
     * Checks {@code request} against {@link #specFor(String) the spec of its model}. A blank model id is
     * reported as the violation {@code model.blank}, alone: without a model there are no rules to check.
     */
    public ValidationResult validate(ImageRequest request) {
        String model = request.model();
        if (model != null && model.isBlank()) {
            return new ValidationResult(model, List.of(blankModel(model)));
        }
        return specFor(model).validate(request);
    }

    private Violation blankModel(String id) {
        return Violation.error("model", "model.blank", id, "model must not be blank; leave it unset for the default, "
                + defaultModel);
    }

    @Override
    public String toString() {
        return "ModelCatalog[default " + defaultModel + ", " + models.keySet() + "]";
    }
}
