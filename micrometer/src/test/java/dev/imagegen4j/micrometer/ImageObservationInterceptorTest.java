package dev.imagegen4j.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.Quality;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.mock.MockBehavior;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockImageProvider;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageObservationInterceptorTest {
    private static final String PROMPT = "a lighthouse at dusk";

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    /** Every observation that stopped, in order. */
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void collectStoppedObservations() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }
    private final MockBehavior behavior = new MockBehavior();
    private final List<ImageGenerator> generators = new ArrayList<>();

    @AfterEach
    void close() {
        generators.forEach(ImageGenerator::close);
    }

    private ImageGenerator generator(Consumer<ImageObservationInterceptor.Builder> configure,
                                     ImageInterceptor... after) {
        ImageObservationInterceptor.Builder observations = ImageObservationInterceptor.builder(registry);
        configure.accept(observations);
        ImageGenerator.Builder builder = ImageGenerator.builder(new MockImageProvider(behavior))
                .config(ProviderConfig.builder().systemProperties(Map.of()).environment(Map.of()).build())
                .interceptor(observations.build());
        for (ImageInterceptor interceptor : after) {
            builder.interceptor(interceptor);
        }
        ImageGenerator generator = builder.build();
        generators.add(generator);
        return generator;
    }

    private ImageGenerator generator() {
        return generator(b -> { });
    }

    @Test
    void observesAGenerationWithTheGenAiKeys() {
        ImageResponse response = generator().generate(ImageRequest.builder(PROMPT).model("gpt-image-1")
                .size(ImageSize.of(1024, 1024)).quality(Quality.LOW).build());

        assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                .hasContextualNameEqualTo("generate_content gpt-image-1")
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "generate_content")
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "mock")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-image-1")
                .hasLowCardinalityKeyValue("imagegen4j.request.quality", "low")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasHighCardinalityKeyValue("imagegen4j.request.size", "1024x1024")
                .hasHighCardinalityKeyValue("gen_ai.request.choice.count", "1")
                .hasHighCardinalityKeyValue("gen_ai.request.seed", "none")
                .hasHighCardinalityKeyValue("gen_ai.response.id", response.requestId())
                .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", String.valueOf(response.usage().inputTokens()))
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens",
                        String.valueOf(response.usage().outputTokens()))
                .hasHighCardinalityKeyValue("imagegen4j.cost.usd", "0")
                .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.prompt")
                .hasBeenStarted()
                .hasBeenStopped();
    }

    @Test
    void neverRecordsThePromptUnlessAsked() {
        generator().generate(ImageRequest.builder(PROMPT).build());
        generator(b -> b.recordPrompt(true)).generate(ImageRequest.builder(PROMPT).build());

        List<String> prompts = stopped.stream().map(context -> context.getHighCardinalityKeyValue("gen_ai.prompt"))
                .map(value -> value == null ? "absent" : value.getValue()).toList();
        assertThat(prompts).containsExactly("absent", "absent", PROMPT, PROMPT);
        assertThat(stopped.subList(0, 2)).allSatisfy(context -> assertThat(
                context.getAllKeyValues().stream().map(KeyValue::getValue)).doesNotContain(PROMPT));
    }

    @Test
    void takesTheOperationNameItIsGiven() {
        generator(b -> b.operationName("image")).generate(ImageRequest.builder(PROMPT).build());

        assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                .hasContextualNameEqualTo("image gpt-image-1")
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "image");
        assertThatThrownBy(() -> ImageObservationInterceptor.builder(registry).operationName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("operationName is blank");
    }

    @Test
    void recordsTheErrorTypeOfAFailedGeneration() {
        behavior.failNext(MockFault.RATE_LIMIT);

        assertThatThrownBy(() -> generator().generate(ImageRequest.builder(PROMPT).build()))
                .isInstanceOf(RateLimitException.class);

        assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                .hasLowCardinalityKeyValue("error.type", "dev.imagegen4j.RateLimitException")
                .hasHighCardinalityKeyValue("gen_ai.response.id", "none")
                .assertThatError().isInstanceOf(RateLimitException.class);
        assertThat(registry).hasObservationWithNameEqualTo("imagegen4j.client.call").that()
                .hasLowCardinalityKeyValue("error.type", "dev.imagegen4j.RateLimitException");
    }

    @Test
    void aSplitRequestsCallsAreChildrenOfItsGenerationOnEveryThread() {
        Map<Integer, String> threads = new ConcurrentHashMap<>();
        behavior.delay(Duration.ofMillis(20));
        ImageInterceptor recordThread = chain -> {
            threads.put(chain.part(), Thread.currentThread().getName());
            return chain.proceed();
        };

        generator(b -> { }, recordThread).generate(ImageRequest.builder(PROMPT).model("mock-ratio")
                .size(ImageSize.ratio(16, 9)).count(3).seed(5L).build());

        Observation.Context generation = context("gen_ai.client.operation").get(0);
        List<Observation.Context> calls = context("imagegen4j.client.call");
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(call.getParentObservation().getContextView())
                .isSameAs(generation));
        assertThat(calls.stream().map(call -> call.getHighCardinalityKeyValue("imagegen4j.call.part").getValue()))
                .containsExactlyInAnyOrder("0", "1", "2");
        assertThat(calls.stream().map(call -> call.getHighCardinalityKeyValue("gen_ai.request.seed").getValue()))
                .containsExactlyInAnyOrder("5", "6", "7");
        assertThat(calls.stream().map(Observation.Context::getContextualName))
                .contains("generate_content mock-ratio call 2/3");
        assertThat(generation.getHighCardinalityKeyValue("gen_ai.request.choice.count").getValue()).isEqualTo("3");
        assertThat(generation.getHighCardinalityKeyValue("gen_ai.usage.input_tokens").getValue())
                .as("mock-ratio reports no usage").isEqualTo("none");
        assertThat(threads.values().stream().distinct()).as("calls ran on the generator's threads too")
                .hasSizeGreaterThan(1);
    }

    @Test
    void aRetriedCallIsOneChildObservationPerAttempt() {
        behavior.failNext(MockFault.SERVER_ERROR);
        ImageInterceptor retryOnce = chain -> {
            if (chain.stage() != Stage.CALL) {
                return chain.proceed();
            }
            try {
                return chain.proceed();
            } catch (ProviderUnavailableException e) {
                return chain.proceed();
            }
        };
        ImageInterceptor observations = ImageObservationInterceptor.builder(registry).build();
        ImageGenerator generator = ImageGenerator.builder(new MockImageProvider(behavior)).interceptor(retryOnce)
                .interceptor(observations).build();
        generators.add(generator);

        generator.generate(ImageRequest.builder(PROMPT).build());

        List<Observation.Context> calls = context("imagegen4j.client.call");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getError()).isInstanceOf(ProviderUnavailableException.class);
        assertThat(calls.get(0).getLowCardinalityKeyValue("error.type").getValue())
                .isEqualTo("dev.imagegen4j.ProviderUnavailableException");
        assertThat(calls.get(1).getError()).isNull();
        assertThat(calls).allSatisfy(call -> assertThat(call.getParentObservation().getContextView())
                .isSameAs(context("gen_ai.client.operation").get(0)));
    }

    @Test
    void twoInterceptorsKeepTheirOwnParents() {
        TestObservationRegistry other = TestObservationRegistry.create();
        ImageGenerator generator = ImageGenerator.builder(new MockImageProvider(behavior))
                .interceptor(ImageObservationInterceptor.builder(registry).build())
                .interceptor(ImageObservationInterceptor.builder(other).build()).build();
        generators.add(generator);

        generator.generate(ImageRequest.builder(PROMPT).model("mock-ratio").count(2).build());

        assertThat(context("imagegen4j.client.call")).hasSize(2).allSatisfy(call -> assertThat(
                call.getParentObservation().getContextView()).isSameAs(context("gen_ai.client.operation").get(0)));
        TestObservationRegistryAssert.assertThat(other).hasNumberOfObservationsWithNameEqualTo("imagegen4j.client.call", 2);
    }

    @Test
    void theGenerationIsAChildOfTheCallersObservation() {
        Observation request = Observation.start("http.server.requests", registry);

        try (Observation.Scope scope = request.openScope()) {
            generator().generate(ImageRequest.builder(PROMPT).build());
        } finally {
            request.stop();
        }

        assertThat(context("gen_ai.client.operation").get(0).getParentObservation()).isSameAs(request);
    }

    @Test
    void recordsTheDurationAndTokenMetersOfEachGeneration() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        registry.observationConfig().observationHandler(new ImageMeterObservationHandler(meters));
        ImageGenerator generator = generator();

        ImageResponse response = generator.generate(ImageRequest.builder(PROMPT).count(2).build());
        behavior.failNext(MockFault.CONTENT_POLICY);
        assertThatThrownBy(() -> generator.generate(ImageRequest.builder(PROMPT).build()));

        Timer succeeded = meters.get("gen_ai.client.operation.duration").tag("error.type", "none")
                .tag("gen_ai.provider.name", "mock").tag("gen_ai.request.model", "gpt-image-1").timer();
        Timer failed = meters.get("gen_ai.client.operation.duration")
                .tag("error.type", "dev.imagegen4j.ContentPolicyException").timer();
        assertThat(succeeded.count()).isEqualTo(1);
        assertThat(failed.count()).isEqualTo(1);
        DistributionSummary input = meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary();
        DistributionSummary output = meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output")
                .summary();
        assertThat(input.count()).isEqualTo(1);
        assertThat((long) input.totalAmount()).isEqualTo(response.usage().inputTokens());
        assertThat((long) output.totalAmount()).isEqualTo(response.usage().outputTokens());
        assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getKey().equals("imagegen4j.request.size") || tag.getValue().equals(PROMPT)));
    }

    @Test
    void aCustomConventionReplacesTheDefaultOne() {
        ImageObservationConvention custom = new DefaultImageObservationConvention(Stage.GENERATION, "image", false) {
            @Override
            public String getName() {
                return "images";
            }
        };

        generator(b -> b.generationConvention(custom)).generate(ImageRequest.builder(PROMPT).build());

        assertThat(registry).hasObservationWithNameEqualTo("images").that()
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "image");
        assertThat(registry).hasObservationWithNameEqualTo("imagegen4j.client.call");
    }

    private List<Observation.Context> context(String name) {
        return stopped.stream().filter(context -> name.equals(context.getName())).toList();
    }
}
