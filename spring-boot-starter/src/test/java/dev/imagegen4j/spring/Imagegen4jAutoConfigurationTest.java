package dev.imagegen4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderLoadException;
import dev.imagegen4j.ProviderNotFoundException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.micrometer.ImageMeterObservationHandler;
import dev.imagegen4j.micrometer.ImageObservationInterceptor;
import dev.imagegen4j.mock.MockImageProvider;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spring.ai.Imagegen4jImageModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@ExtendWith(OutputCaptureExtension.class)
class Imagegen4jAutoConfigurationTest {
    private static final String SECRET = "sk-test-4f1d2c9a7e";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Imagegen4jAutoConfiguration.class));
    private final ApplicationContextRunner mock = runner.withPropertyValues("imagegen4j.provider=mock");

    // ---- the provider and the generator ----

    @Test
    void makesAGeneratorOfTheConfiguredProviderThatGeneratesRealImages() {
        mock.run(context -> {
            ImageGenerator generator = context.getBean(ImageGenerator.class);

            GeneratedImage image = generator.generate(ImageRequest.builder("a lighthouse").build()).image();

            assertThat(generator.providerId()).isEqualTo("mock");
            assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        });
    }

    @Test
    void refusesToGuessAmongSeveralProvidersAndListsThem() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isInstanceOf(ProviderLoadException.class)
                .hasMessageStartingWith("Several image providers found: ")
                .hasMessageEndingWith("gptproto, mock, openai, stability. Choose one with the property imagegen4j.provider."));
    }

    @Test
    void takesTheOnlyProviderOnTheClassPathWithoutBeingTold() {
        runner.withUserConfiguration(OnlyTheMock.class)
                .run(context -> assertThat(context.getBean(ImageGenerator.class).providerId()).isEqualTo("mock"));
    }

    @Test
    void anUnknownProviderIdFailsListingTheProvidersFound() {
        runner.withPropertyValues("imagegen4j.provider=dall-e").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(ProviderNotFoundException.class)
                .hasMessageStartingWith("No image provider with id 'dall-e'. Available: ")
                .hasMessageEndingWith("gptproto, mock, openai, stability."));
    }

    @Test
    void aMissingApiKeyStopsTheApplication() {
        assumeTrue(System.getenv("GPTPROTO_API_KEY") == null, "GPTPROTO_API_KEY is set in this environment");
        runner.withPropertyValues("imagegen4j.provider=gptproto").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(AuthenticationException.class).hasMessageContaining("api-key"));
    }

    @Test
    void passesProviderSettingsToTheProvider() {
        mock.withPropertyValues("imagegen4j.mock.fault=rate_limit", "imagegen4j.mock.retry-after=7s").run(context ->
                assertThatThrownBy(() -> context.getBean(ImageGenerator.class)
                        .generate(ImageRequest.builder("a lighthouse").build()))
                        .isInstanceOfSatisfying(RateLimitException.class,
                                e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).hasSeconds(7))));
    }

    @Test
    void aSettingTheProviderDoesNotTakeStopsTheApplicationNamingIt() {
        mock.withPropertyValues("imagegen4j.mock.latncy=5s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("imagegen4j.mock.latncy is not a setting of mock; it takes api-key, fault, fault-count, "
                        + "job-outcome, job-time, latency, retry-after, timeout."));
    }

    @Test
    void anInvalidDefaultStopsTheApplicationNamingTheProperty() {
        mock.withPropertyValues("imagegen4j.defaults.size=huge", "imagegen4j.defaults.count=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("defaults.size")
                    .hasMessageContaining("size must be auto, WIDTHxHEIGHT").hasMessageContaining("defaults.count")
                    .hasMessageContaining("must be at least 1");
        });
    }

    @Test
    void theDefaultsMakeTheDefaultRequest() {
        mock.withPropertyValues("imagegen4j.model=mock-ratio", "imagegen4j.defaults.size=16:9@2K",
                "imagegen4j.defaults.seed=42", "imagegen4j.defaults.negative-prompt=text",
                "imagegen4j.defaults.output-format=webp").run(context -> {
                    ImageRequest defaults = context.getBean(Imagegen4jProperties.class).defaultRequest();

                    assertThat(defaults.model()).isEqualTo("mock-ratio");
                    assertThat(defaults.size().text()).isEqualTo("16:9@2K");
                    assertThat(defaults.seed()).isEqualTo(42L);
                    assertThat(defaults.negativePrompt()).isEqualTo("text");
                    assertThat(defaults.outputFormat()).isEqualTo(OutputFormat.WEBP);
                });
    }

    @Test
    void backsOffForTheApplicationsOwnGenerator() {
        runner.withUserConfiguration(OwnGenerator.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ImageGenerator.class)
                    .doesNotHaveBean(ImageProvider.class).doesNotHaveBean(ProviderConfig.class);
            assertThat(context.getBean(ImageGenerator.class)).isSameAs(context.getBean("ownGenerator"));
        });
    }

    @Test
    void closesTheGeneratorWithTheContext() {
        ImageGenerator[] generator = new ImageGenerator[1];
        mock.run(context -> generator[0] = context.getBean(ImageGenerator.class));

        assertThatThrownBy(() -> generator[0].generate(ImageRequest.builder("a lighthouse").build()))
                .isInstanceOf(IllegalStateException.class).hasMessage("this mock generator is closed");
    }

    @Test
    void addsTheApplicationsInterceptorsInOrder() {
        mock.withUserConfiguration(Interceptors.class).run(context -> {
            context.getBean(ImageGenerator.class).generate(ImageRequest.builder("a lighthouse").build());

            assertThat(context.getBean(Interceptors.class).seen)
                    .containsExactly("first GENERATION", "second GENERATION", "first CALL", "second CALL");
        });
    }

    // ---- observations ----

    @Test
    void observesGenerationsWhenAnObservationRegistryIsPresent() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        mock.withBean(ObservationRegistry.class, () -> registry)
                .withPropertyValues("imagegen4j.observations.operation-name=image").run(context -> {
                    assertThat(context).hasSingleBean(ImageObservationInterceptor.class)
                            .doesNotHaveBean(ImageMeterObservationHandler.class);

                    context.getBean(ImageGenerator.class).generate(ImageRequest.builder("a lighthouse").build());

                    TestObservationRegistryAssert.assertThat(registry)
                            .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                            .hasLowCardinalityKeyValue("gen_ai.operation.name", "image")
                            .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.prompt");
                });
    }

    @Test
    void recordsThePromptOnlyWhenAsked() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        mock.withBean(ObservationRegistry.class, () -> registry)
                .withPropertyValues("imagegen4j.observations.record-prompt=true").run(context -> {
                    context.getBean(ImageGenerator.class).generate(ImageRequest.builder("a lighthouse").build());

                    TestObservationRegistryAssert.assertThat(registry)
                            .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                            .hasHighCardinalityKeyValue("gen_ai.prompt", "a lighthouse");
                });
    }

    @Test
    void addsTheMeterHandlerWhenAMeterRegistryIsPresentToo() {
        mock.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(ImageMeterObservationHandler.class));
    }

    @Test
    void observesNothingWithoutAnObservationRegistryOrWhenSwitchedOff() {
        mock.run(context -> assertThat(context).doesNotHaveBean(ImageObservationInterceptor.class));
        mock.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withPropertyValues("imagegen4j.observations.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ImageObservationInterceptor.class));
        mock.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withClassLoader(new FilteredClassLoader(ImageObservationInterceptor.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("imageObservationInterceptor"));
    }

    // ---- Spring AI ----

    @Test
    void makesASpringAiImageModelWhenSpringAiModelImageIsImagegen4j() {
        mock.withPropertyValues("spring.ai.model.image=imagegen4j", "imagegen4j.defaults.size=1536x1024").run(context -> {
            ImageModel model = context.getBean(ImageModel.class);

            String base64 = model.call(new ImagePrompt("a lighthouse")).getResult().getOutput().getB64Json();

            assertThat(model).isInstanceOf(Imagegen4jImageModel.class);
            assertThat(GeneratedImage.ofBytes(Base64.getDecoder().decode(base64)).size().text()).isEqualTo("1536x1024");
        });
    }

    @Test
    void makesNoSpringAiImageModelUnlessAskedOrWithoutSpringAi() {
        mock.run(context -> assertThat(context).doesNotHaveBean(ImageModel.class));
        mock.withPropertyValues("spring.ai.model.image=openai")
                .run(context -> assertThat(context).doesNotHaveBean(ImageModel.class));
        mock.withPropertyValues("spring.ai.model.image=imagegen4j")
                .withClassLoader(new FilteredClassLoader(ImageModel.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("imagegen4jImageModel"));
    }

    @Test
    void backsOffForTheApplicationsOwnImageModel() {
        mock.withPropertyValues("spring.ai.model.image=imagegen4j").withUserConfiguration(OwnImageModel.class)
                .run(context -> assertThat(context).hasSingleBean(ImageModel.class)
                        .doesNotHaveBean(Imagegen4jImageModel.class));
    }

    // ---- health ----

    @Test
    void healthIsUpWithTheProviderModelAndWhetherAKeyIsSet() {
        mock.run(context -> {
            Health health = context.getBean("imagegen4jHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("provider", "mock").containsEntry("model", "gpt-image-1")
                    .containsEntry("apiKey", "missing");
        });
    }

    @Test
    void healthIsDownWhenTheDefaultsBreakTheModelsRulesWithoutSendingAnything() {
        mock.withPropertyValues("imagegen4j.defaults.size=640x480", "imagegen4j.mock.fault=server_error").run(context -> {
            Health health = context.getBean("imagegen4jHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("violations")).asList().singleElement().asString().contains("640x480");
        });
    }

    @Test
    void noHealthContributorWithoutBootsHealthModuleOrWhenSwitchedOff() {
        mock.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("imagegen4jHealthIndicator"));
        mock.withPropertyValues("management.health.imagegen4j.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("imagegen4jHealthIndicator"));
    }

    // ---- secrets ----

    @Test
    void theApiKeyNeverShowsInHealthBeansOrLogs(CapturedOutput output) {
        runner.withPropertyValues("imagegen4j.provider=gptproto", "imagegen4j.gptproto.api-key=" + SECRET,
                        "imagegen4j.gptproto.base-url=http://127.0.0.1:9", "imagegen4j.gptproto.max-retries=0")
                .withInitializer(ConditionEvaluationReportLoggingListener.forLogLevel(LogLevel.INFO)).run(context -> {
                    Health health = context.getBean("imagegen4jHealthIndicator", HealthIndicator.class).health();
                    ImageGenerator generator = context.getBean(ImageGenerator.class);
                    Throwable failure = catchThrowable(() -> generator.generate(ImageRequest.builder("a lighthouse")
                            .build()));

                    assertThat(health.getDetails()).containsEntry("apiKey", "present");
                    assertThat(failure).as("nothing listens on port 9").isInstanceOf(ProviderUnavailableException.class);
                    assertThat(List.of(health.toString(), context.getBean(ProviderConfig.class).toString(),
                            generator.toString(), context.getBean(Imagegen4jProperties.class).toString(),
                            failure.toString(), String.valueOf(failure.getCause())))
                            .allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
                });

        assertThat(output.getAll()).as("the condition report was logged").contains("Imagegen4jAutoConfiguration")
                .doesNotContain(SECRET);
    }

    @Configuration(proxyBeanMethods = false)
    static class OnlyTheMock {
        @Bean
        ImageProvider imageProvider() {
            return new MockImageProvider();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnGenerator {
        @Bean
        ImageGenerator ownGenerator() {
            return ImageGenerator.create(new MockImageProvider(), ProviderConfig.defaults());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnImageModel {
        @Bean
        ImageModel ownImageModel() {
            return prompt -> {
                throw new UnsupportedOperationException("not called");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Interceptors {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        ImageInterceptor second() {
            return chain -> {
                seen.add("second " + chain.stage());
                return chain.proceed();
            };
        }

        @Bean
        @Order(1)
        ImageInterceptor first() {
            return chain -> {
                seen.add("first " + chain.stage());
                return chain.proceed();
            };
        }
    }
}
