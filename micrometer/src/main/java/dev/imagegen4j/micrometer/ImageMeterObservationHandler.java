package dev.imagegen4j.micrometer;

import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records the OpenTelemetry GenAI client meters of each generation observation: the timer
 * {@value #DURATION} and, when the provider reported usage, the distribution summary {@value #TOKEN_USAGE}
 * once per {@value #TOKEN_TYPE} ({@code input}, {@code output}). Their tags are the observation's
 * low-cardinality key values. Calls are not metered, so a split request counts once. Needs
 * {@code micrometer-core}.
 *
 * <pre>{@code
 * observationRegistry.observationConfig().observationHandler(new ImageMeterObservationHandler(meterRegistry));
 * }</pre>
 */
public final class ImageMeterObservationHandler implements ObservationHandler<ImageObservationContext> {
    /** The timer of whole generations, failed ones included. */
    public static final String DURATION = "gen_ai.client.operation.duration";
    /** The tokens of successful generations that reported usage. */
    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    /** The tag of {@value #TOKEN_USAGE} that says which tokens: {@code input} or {@code output}. */
    public static final String TOKEN_TYPE = "gen_ai.token.type";

    private final MeterRegistry meterRegistry;

    public ImageMeterObservationHandler(MeterRegistry meterRegistry) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ImageObservationContext image && image.stage() == Stage.GENERATION;
    }

    @Override
    public void onStart(ImageObservationContext context) {
        context.put(Timer.Sample.class, Timer.start(meterRegistry));
    }

    @Override
    public void onStop(ImageObservationContext context) {
        List<Tag> tags = new ArrayList<>();
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
        }
        Timer.Sample sample = context.getRequired(Timer.Sample.class);
        sample.stop(Timer.builder(DURATION).description("Duration of image generations").tags(tags)
                .register(meterRegistry));
        ImageResponse response = context.response();
        Usage usage = response == null ? null : response.usage();
        if (usage != null) {
            record(tags, "input", usage.inputTokens());
            record(tags, "output", usage.outputTokens());
        }
    }

    private void record(List<Tag> tags, String type, long tokens) {
        DistributionSummary.builder(TOKEN_USAGE).description("Tokens used by image generations").baseUnit("tokens")
                .tags(Tags.of(tags).and(TOKEN_TYPE, type)).register(meterRegistry).record(tokens);
    }
}
