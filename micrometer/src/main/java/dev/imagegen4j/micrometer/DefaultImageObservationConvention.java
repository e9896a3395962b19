package dev.imagegen4j.micrometer;

import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.Usage;
import dev.imagegen4j.Warning;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The default names and key values of image observations, after the OpenTelemetry GenAI semantic
 * conventions where they have a name for the value, and under {@code imagegen4j.} where they do not.
 *
 * <p>Low-cardinality keys, which become meter tags, take few values each: {@value #OPERATION_NAME},
 * {@value #PROVIDER_NAME}, {@value #REQUEST_MODEL}, {@value #REQUEST_QUALITY} and {@value #ERROR_TYPE}
 * ({@code none} on success). Everything open-ended is high-cardinality, on spans only: the size (a
 * model may take hundreds of exact sizes), count, seed, response id, token counts, warning codes, the
 * call's part, and the prompt, which is recorded only when asked for since it may hold personal data.
 * An unset value is {@code none}, so that every observation has the same keys.
 */
public class DefaultImageObservationConvention implements ImageObservationConvention {
    /** The name of a generation's observation, as OpenTelemetry names a GenAI client operation. */
    public static final String GENERATION_NAME = "gen_ai.client.operation";
    /** The name of a provider call's observation, a child of its generation's. */
    public static final String CALL_NAME = "imagegen4j.client.call";
    /**
     * The default operation name: OpenTelemetry's value for a multimodal generation, since it has none
     * for images yet. Spring AI says {@code image}; choose with {@link ImageObservationInterceptor.Builder#operationName}.
     */
    public static final String DEFAULT_OPERATION = "generate_content";

    /** The operation, low cardinality: {@link #DEFAULT_OPERATION} unless configured. */
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    /** The provider id, low cardinality. */
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    /** The model the request was validated against, low cardinality. */
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    /** The requested quality in lower case, low cardinality. */
    public static final String REQUEST_QUALITY = "imagegen4j.request.quality";
    /** The failure's exception class, or {@code none}, low cardinality. */
    public static final String ERROR_TYPE = "error.type";
    /** The requested size as text ({@code 1536x1024}, {@code 16:9}), high cardinality. */
    public static final String REQUEST_SIZE = "imagegen4j.request.size";
    /** How many images were asked for, high cardinality. */
    public static final String REQUEST_COUNT = "gen_ai.request.choice.count";
    /** The requested seed, high cardinality. */
    public static final String REQUEST_SEED = "gen_ai.request.seed";
    /** The provider's request id, high cardinality. */
    public static final String RESPONSE_ID = "gen_ai.response.id";
    /** The input tokens the provider reported, high cardinality. */
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    /** The output tokens the provider reported, high cardinality. */
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    /**
     * What the response cost in US dollars ({@code 0.0059}), or {@code none} when it is unknown (no price,
     * or no usage for a token-priced model), high cardinality.
     */
    public static final String COST_USD = "imagegen4j.cost.usd";
    /** The codes of the generation's warnings, comma-separated, high cardinality. */
    public static final String WARNINGS = "imagegen4j.warnings";
    /** A call's 0-based position in its split request, high cardinality; calls only. */
    public static final String CALL_PART = "imagegen4j.call.part";
    /** The prompt, high cardinality; only when asked for. */
    public static final String PROMPT = "gen_ai.prompt";

    private static final String NONE = KeyValue.NONE_VALUE;

    private final Stage stage;
    private final String operationName;
    private final boolean recordPrompt;

    /**
     * The convention of observations at {@code stage}, with {@code operationName} as
     * {@value #OPERATION_NAME}, recording the prompt only when {@code recordPrompt}.
     */
    public DefaultImageObservationConvention(Stage stage, String operationName, boolean recordPrompt) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.operationName = Objects.requireNonNull(operationName, "operationName");
        if (operationName.isBlank()) {
            throw new IllegalArgumentException("operationName is blank");
        }
        this.recordPrompt = recordPrompt;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ImageObservationContext image && image.stage() == stage;
    }

    @Override
    public String getName() {
        return stage == Stage.GENERATION ? GENERATION_NAME : CALL_NAME;
    }

    /** {@code "generate_content gpt-image-1"}, as OpenTelemetry names spans; a call adds {@code "call 2/3"}. */
    @Override
    public String getContextualName(ImageObservationContext context) {
        String name = operationName + " " + context.model();
        return stage == Stage.GENERATION ? name : name + " call " + (context.part() + 1) + "/" + context.parts();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ImageObservationContext context) {
        ImageRequest request = context.request();
        Throwable error = context.getError();
        return KeyValues.of(
                KeyValue.of(OPERATION_NAME, operationName),
                KeyValue.of(PROVIDER_NAME, context.providerId()),
                KeyValue.of(REQUEST_MODEL, context.model()),
                KeyValue.of(REQUEST_QUALITY, request.quality() == null ? NONE
                        : request.quality().name().toLowerCase(Locale.ROOT)),
                KeyValue.of(ERROR_TYPE, error == null ? NONE : error.getClass().getName()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ImageObservationContext context) {
        ImageRequest request = context.request();
        ImageResponse response = context.response();
        Usage usage = response == null ? null : response.usage();
        KeyValues values = KeyValues.of(
                KeyValue.of(REQUEST_SIZE, request.size() == null ? NONE : request.size().text()),
                KeyValue.of(REQUEST_COUNT, text(request.count() == null ? 1 : request.count())),
                KeyValue.of(REQUEST_SEED, text(request.seed())),
                KeyValue.of(RESPONSE_ID, text(response == null ? null : response.requestId())),
                KeyValue.of(INPUT_TOKENS, text(usage == null ? null : usage.inputTokens())),
                KeyValue.of(OUTPUT_TOKENS, text(usage == null ? null : usage.outputTokens())),
                KeyValue.of(COST_USD, text(response == null || response.cost().usd() == null ? null
                        : response.cost().usd().toPlainString())),
                KeyValue.of(WARNINGS, response == null || response.warnings().isEmpty() ? NONE
                        : response.warnings().stream().map(Warning::code).distinct().collect(Collectors.joining(","))));
        if (stage == Stage.CALL) {
            values = values.and(CALL_PART, text(context.part()));
        }
        return recordPrompt ? values.and(PROMPT, request.prompt()) : values;
    }

    private static String text(@Nullable Object value) {
        return value == null ? NONE : value.toString();
    }
}
