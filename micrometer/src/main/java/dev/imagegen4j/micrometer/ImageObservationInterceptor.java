package dev.imagegen4j.micrometer;

import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Observes every generation of an {@link dev.imagegen4j.ImageGenerator} as one
 * {@value DefaultImageObservationConvention#GENERATION_NAME} observation, and each provider call it makes
 * as a child {@value DefaultImageObservationConvention#CALL_NAME} observation, on whichever thread the call
 * runs. The generation's parent is the observation current on the calling thread, if any.
 *
 * <pre>{@code
 * ImageGenerator generator = ImageGenerator.builder(provider)
 *         .interceptor(ImageObservationInterceptor.builder(observationRegistry).build())
 *         .build();
 * }</pre>
 *
 * <p>Add it first, so that it sees what every other interceptor does: a retrying interceptor added after
 * it makes one call observation per attempt. Retries inside a provider's HTTP transport happen within one
 * call observation. The prompt is not recorded unless {@link Builder#recordPrompt} asks for it.
 */
public final class ImageObservationInterceptor implements ImageInterceptor {
    /**
     * The key under which a generation's observation waits for its calls, in the chain's attributes; one per
     * interceptor, so that two (reporting to two registries) keep their own.
     */
    private final Object generationObservation = new Object();
    private final ObservationRegistry registry;
    private final ImageObservationConvention defaultGenerationConvention;
    private final ImageObservationConvention defaultCallConvention;
    private final @Nullable ImageObservationConvention generationConvention;
    private final @Nullable ImageObservationConvention callConvention;

    private ImageObservationInterceptor(Builder builder) {
        registry = builder.registry;
        defaultGenerationConvention = new DefaultImageObservationConvention(Stage.GENERATION, builder.operationName,
                builder.recordPrompt);
        defaultCallConvention = new DefaultImageObservationConvention(Stage.CALL, builder.operationName,
                builder.recordPrompt);
        generationConvention = builder.generationConvention;
        callConvention = builder.callConvention;
    }

    /** A builder of an interceptor that reports to {@code registry}. */
    public static Builder builder(ObservationRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public ImageResponse intercept(Chain chain) {
        ImageObservationContext context = new ImageObservationContext(chain);
        boolean generation = chain.stage() == Stage.GENERATION;
        Observation observation = Observation.createNotStarted(generation ? generationConvention : callConvention,
                generation ? defaultGenerationConvention : defaultCallConvention, () -> context, registry);
        if (generation) {
            chain.attributes().put(generationObservation, observation);
        } else if (chain.attributes().get(generationObservation) instanceof Observation parent) {
            // A split request's calls may run on the generator's executor, where the caller's scope is not.
            observation.parentObservation(parent);
        }
        return observation.observe(() -> {
            ImageResponse response = chain.proceed();
            context.response(response);
            return response;
        });
    }

    @Override
    public String toString() {
        return "ImageObservationInterceptor[" + defaultGenerationConvention.getName() + "]";
    }

    /** Builds {@link ImageObservationInterceptor}s. */
    public static final class Builder {
        private final ObservationRegistry registry;
        private String operationName = DefaultImageObservationConvention.DEFAULT_OPERATION;
        private boolean recordPrompt;
        private @Nullable ImageObservationConvention generationConvention;
        private @Nullable ImageObservationConvention callConvention;

        private Builder(ObservationRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * The value of {@value DefaultImageObservationConvention#OPERATION_NAME}; by default
         * {@value DefaultImageObservationConvention#DEFAULT_OPERATION}.
         *
         * @throws IllegalArgumentException when it is blank
         */
        public Builder operationName(String operationName) {
            Objects.requireNonNull(operationName, "operationName");
            if (operationName.isBlank()) {
                throw new IllegalArgumentException("operationName is blank");
            }
            this.operationName = operationName;
            return this;
        }

        /**
         * Whether the prompt is recorded as {@value DefaultImageObservationConvention#PROMPT}, a
         * high-cardinality key that reaches traces; off by default, since prompts may hold personal data.
         */
        public Builder recordPrompt(boolean recordPrompt) {
            this.recordPrompt = recordPrompt;
            return this;
        }

        /** A convention of the generations' observations, used instead of the default one. */
        public Builder generationConvention(ImageObservationConvention convention) {
            this.generationConvention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /** A convention of the calls' observations, used instead of the default one. */
        public Builder callConvention(ImageObservationConvention convention) {
            this.callConvention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        public ImageObservationInterceptor build() {
            return new ImageObservationInterceptor(this);
        }
    }
}
