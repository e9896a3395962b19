package dev.imagegen4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The models a provider serves, with their {@link ModelSpec}s, and the rules for ids it does not
 * list. Immutable and thread-safe.
 *
 * <p>Ids the catalog does not list are not refused: {@link #specFor(String)} gives them the spec the
 * catalog's {@code unlisted} function makes (by default the provider's generic rules: the default
 * model's spec under that id, not {@link ModelSpec#isKnown() known}), and validation reports a
 * {@code model.unknown} warning.
 */
public final class ModelCatalog {
    private final String defaultModel;
    private final Map<String, ModelSpec> models;
    private final Function<String, ModelSpec> unlisted;

    private ModelCatalog(String defaultModel, Map<String, ModelSpec> models, Function<String, ModelSpec> unlisted) {
        this.defaultModel = defaultModel;
        this.models = models;
        this.unlisted = unlisted;
    }

    /**
     * A catalog of {@code models}, in the given order, whose {@code defaultModel} is used for requests
     * that name no model. An unlisted id gets the default model's rules under its own id, marked unknown.
     *
     * @throws IllegalArgumentException when two specs share an id, or the default model is not among them
     */
    public static ModelCatalog of(String defaultModel, List<ModelSpec> models) {
        Map<String, ModelSpec> byId = index(defaultModel, models);
        ModelSpec fallback = byId.get(defaultModel);
        return new ModelCatalog(defaultModel, byId, id -> fallback.toBuilder().id(id).known(false).build());
    }

    /**
     * A catalog like {@link #of(String, List)} whose unlisted ids get the spec {@code unlisted} makes for
     * them, such as a vendor's naming rule for model variants. The function must not return {@code null}.
     */
    public static ModelCatalog of(String defaultModel, List<ModelSpec> models, Function<String, ModelSpec> unlisted) {
        Objects.requireNonNull(unlisted, "unlisted");
        return new ModelCatalog(defaultModel, index(defaultModel, models), unlisted);
    }

    private static Map<String, ModelSpec> index(String defaultModel, List<ModelSpec> models) {
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
        return byId;
    }

    /** The model used when a request names none. */
    public String defaultModel() {
        return defaultModel;
    }

    /** The listed models, in catalog order. */
    public List<ModelSpec> models() {
        return List.copyOf(models.values());
    }

    /** The listed spec for {@code id}, without the rules for unlisted ids. */
    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /**
     * The spec a request for {@code modelId} is checked against: the listed one, or the catalog's rules
     * for an unlisted id. A {@code null} id means the {@link #defaultModel()}.
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
        return listed != null ? listed : Objects.requireNonNull(unlisted.apply(id), "unlisted spec for " + id);
    }

    /**
     * Checks {@code request} for {@code providerId} against {@link #specFor(String) the spec of its model}.
     * A blank model id is reported as the violation {@code model.blank}, alone: without a model there are
     * no rules to check.
     */
    public ValidationResult validate(ImageRequest request, String providerId, ValidationOptions options) {
        String model = request.model();
        if (model != null && model.isBlank()) {
            return new ValidationResult(model, List.of(blankModel(model)), List.of(), null);
        }
        return specFor(model).validate(request, providerId, options);
    }

    private Violation blankModel(String id) {
        return Violation.of("model", "model.blank", id, "model must not be blank; leave it unset for the default, "
                + defaultModel);
    }

    @Override
    public String toString() {
        return "ModelCatalog[default " + defaultModel + ", " + models.keySet() + "]";
    }
}
