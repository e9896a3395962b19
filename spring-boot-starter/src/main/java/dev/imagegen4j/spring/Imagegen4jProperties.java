package dev.imagegen4j.spring;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.Quality;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The settings under {@code imagegen4j.*}. Provider settings are not fields here: each provider reads its
 * own under {@code imagegen4j.<provider-id>.<key>} (such as {@code imagegen4j.gptproto.api-key}), as listed
 * in the IDE metadata and checked against what the provider declares when the generator is made.
 *
 * <p>Checked when bound (a failed check stops the application, naming the property and the rule); what a
 * model accepts is checked by the health contributor and by every request.
 */
@ConfigurationProperties(prefix = Imagegen4jProperties.PREFIX)
public class Imagegen4jProperties implements Validator {
    /** The prefix of every imagegen4j property. */
    public static final String PREFIX = "imagegen4j";

    /**
     * The id of the provider, such as gptproto or mock. By default the only provider on the class path;
     * with several, this must be set.
     */
    private @Nullable String provider;

    /** The model requests go to by default; unset for the provider's default model. */
    private @Nullable String model;

    /**
     * Whether settings a model does not take are dropped (each with a warning) instead of refusing the
     * request.
     */
    private boolean lenient;

    /** Settings of every request, unless the call sets its own; unset values are the provider's defaults. */
    private final Defaults defaults = new Defaults();

    /** How generations are observed, when an ObservationRegistry is present. */
    private final Observations observations = new Observations();

    public @Nullable String getProvider() {
        return provider;
    }

    public void setProvider(@Nullable String provider) {
        this.provider = provider;
    }

    public @Nullable String getModel() {
        return model;
    }

    public void setModel(@Nullable String model) {
        this.model = model;
    }

    public boolean isLenient() {
        return lenient;
    }

    public void setLenient(boolean lenient) {
        this.lenient = lenient;
    }

    public Defaults getDefaults() {
        return defaults;
    }

    public Observations getObservations() {
        return observations;
    }

    /**
     * The request every call starts from: the model and the defaults, with an empty prompt that each call
     * replaces.
     */
    public ImageRequest defaultRequest() {
        return ImageRequest.builder("").model(model).count(defaults.count)
                .size(defaults.size == null ? null : ImageSize.parse(defaults.size)).seed(defaults.seed)
                .negativePrompt(defaults.negativePrompt).quality(defaults.quality).background(defaults.background)
                .outputFormat(defaults.outputFormat).outputCompression(defaults.outputCompression)
                .moderation(defaults.moderation).build();
    }

    @Override
    public boolean supports(Class<?> type) {
        return Imagegen4jProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        Imagegen4jProperties properties = (Imagegen4jProperties) target;
        Defaults values = properties.defaults;
        if (values.count != null && values.count < 1) {
            errors.rejectValue("defaults.count", "min", "must be at least 1");
        }
        if (values.size != null) {
            try {
                ImageSize.parse(values.size);
            } catch (IllegalArgumentException e) {
                errors.rejectValue("defaults.size", "format", e.getMessage());
            }
        }
        if (values.seed != null && values.seed < 0) {
            errors.rejectValue("defaults.seed", "min", "must not be negative");
        }
        if (values.outputCompression != null && (values.outputCompression < 0 || values.outputCompression > 100)) {
            errors.rejectValue("defaults.output-compression", "range", "must be between 0 and 100");
        }
        if (properties.observations.operationName.isBlank()) {
            errors.rejectValue("observations.operation-name", "blank", "must not be blank");
        }
    }

    /** Settings of every request; each unset value is the provider's default. */
    public static class Defaults {
        /** How many images a request makes. */
        private @Nullable Integer count;

        /** The size: WIDTHxHEIGHT (1536x1024), an aspect ratio W:H (16:9, or 16:9@2K with a tier), or auto. */
        private @Nullable String size;

        /** The random seed, for models that take one. */
        private @Nullable Long seed;

        /** What images should not show, for models that take a negative prompt. */
        private @Nullable String negativePrompt;

        /** The rendering quality. */
        private @Nullable Quality quality;

        /** The background. */
        private @Nullable Background background;

        /** The encoding of the images. */
        private @Nullable OutputFormat outputFormat;

        /** The compression level 0-100 of lossy formats. */
        private @Nullable Integer outputCompression;

        /** The moderation level. */
        private @Nullable Moderation moderation;

        public @Nullable Integer getCount() {
            return count;
        }

        public void setCount(@Nullable Integer count) {
            this.count = count;
        }

        public @Nullable String getSize() {
            return size;
        }

        public void setSize(@Nullable String size) {
            this.size = size;
        }

        public @Nullable Long getSeed() {
            return seed;
        }

        public void setSeed(@Nullable Long seed) {
            this.seed = seed;
        }

        public @Nullable String getNegativePrompt() {
            return negativePrompt;
        }

        public void setNegativePrompt(@Nullable String negativePrompt) {
            this.negativePrompt = negativePrompt;
        }

        public @Nullable Quality getQuality() {
            return quality;
        }

        public void setQuality(@Nullable Quality quality) {
            this.quality = quality;
        }

        public @Nullable Background getBackground() {
            return background;
        }

        public void setBackground(@Nullable Background background) {
            this.background = background;
        }

        public @Nullable OutputFormat getOutputFormat() {
            return outputFormat;
        }

        public void setOutputFormat(@Nullable OutputFormat outputFormat) {
            this.outputFormat = outputFormat;
        }

        public @Nullable Integer getOutputCompression() {
            return outputCompression;
        }

        public void setOutputCompression(@Nullable Integer outputCompression) {
            this.outputCompression = outputCompression;
        }

        public @Nullable Moderation getModeration() {
            return moderation;
        }

        public void setModeration(@Nullable Moderation moderation) {
            this.moderation = moderation;
        }
    }

    /** How generations are observed. */
    public static class Observations {
        /** Whether generations are observed when an ObservationRegistry is present. */
        private boolean enabled = true;

        /** The value of gen_ai.operation.name; Spring AI's image observations say "image". */
        private String operationName = "generate_content";

        /** Whether the prompt is recorded as gen_ai.prompt; prompts may hold personal data. */
        private boolean recordPrompt;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getOperationName() {
            return operationName;
        }

        public void setOperationName(String operationName) {
            this.operationName = operationName;
        }

        public boolean isRecordPrompt() {
            return recordPrompt;
        }

        public void setRecordPrompt(boolean recordPrompt) {
            this.recordPrompt = recordPrompt;
        }
    }
}
