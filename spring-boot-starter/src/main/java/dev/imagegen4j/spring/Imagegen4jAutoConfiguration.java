package dev.imagegen4j.spring;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.micrometer.ImageMeterObservationHandler;
import dev.imagegen4j.micrometer.ImageObservationInterceptor;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spring.ai.Imagegen4jImageModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of imagegen4j: the provider, its {@link ProviderConfig} and an {@link ImageGenerator}
 * (closed with the context) from {@code imagegen4j.*}, with every {@link ImageInterceptor} bean in order;
 * and, each only when its library is present, observations (with an {@code ObservationRegistry} bean), a
 * health contributor (with Spring Boot's health module) and a Spring AI {@code ImageModel} (with
 * {@code spring-ai-model} and {@code spring.ai.model.image=imagegen4j}). Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(Imagegen4jProperties.class)
public class Imagegen4jAutoConfiguration {
    /** The value of {@code spring.ai.model.image} that selects imagegen4j's Spring AI image model. */
    public static final String SPRING_AI_MODEL = "imagegen4j";

    /**
     * The provider, its settings and the generator, unless the application has its own generator: then none
     * of them is made, so that its own choice of provider is never second-guessed.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(ImageGenerator.class)
    static class GeneratorConfiguration {
        /**
         * @throws dev.imagegen4j.ProviderNotFoundException when no provider, or none with the configured id, is found
         * @throws dev.imagegen4j.ProviderLoadException when several are found and none is configured
         */
        @Bean
        @ConditionalOnMissingBean
        ImageProvider imageProvider(Imagegen4jProperties properties) {
            return Imagegen4jProviders.resolve(properties.getProvider());
        }

        /**
         * @throws IllegalArgumentException naming the property when the provider takes no such setting
         */
        @Bean
        @ConditionalOnMissingBean
        ProviderConfig imageProviderConfig(ImageProvider provider, Environment environment) {
            return Imagegen4jProviders.config(provider, environment);
        }

        /**
         * @throws dev.imagegen4j.AuthenticationException when the provider needs an API key and none is configured
         */
        @Bean(destroyMethod = "close")
        ImageGenerator imageGenerator(ImageProvider provider, ProviderConfig config, Imagegen4jProperties properties,
                                      ObjectProvider<ImageInterceptor> interceptors) {
            ImageGenerator.Builder builder = ImageGenerator.builder(provider).config(config)
                    .lenient(properties.isLenient());
            interceptors.orderedStream().forEach(builder::interceptor);
            return builder.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ObservationRegistry.class, ImageObservationInterceptor.class})
    @ConditionalOnBean(ObservationRegistry.class)
    @ConditionalOnProperty(prefix = Imagegen4jProperties.PREFIX + ".observations", name = "enabled",
            matchIfMissing = true)
    static class ObservationConfiguration {
        /** First of the interceptors, so that its observations see what every other one does. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        @ConditionalOnMissingBean
        ImageObservationInterceptor imageObservationInterceptor(ObservationRegistry registry,
                                                                Imagegen4jProperties properties) {
            return ImageObservationInterceptor.builder(registry)
                    .operationName(properties.getObservations().getOperationName())
                    .recordPrompt(properties.getObservations().isRecordPrompt()).build();
        }

        /** Boot's observation auto-configuration registers this handler with the registry. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(MeterRegistry.class)
        @ConditionalOnBean(MeterRegistry.class)
        static class MeterConfiguration {
            @Bean
            @ConditionalOnMissingBean
            ImageMeterObservationHandler imageMeterObservationHandler(MeterRegistry meterRegistry) {
                return new ImageMeterObservationHandler(meterRegistry);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("imagegen4j")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "imagegen4jHealthIndicator")
        Imagegen4jHealthIndicator imagegen4jHealthIndicator(ImageGenerator generator, Imagegen4jProperties properties,
                                                            ObjectProvider<ImageProvider> provider,
                                                            ObjectProvider<ProviderConfig> config) {
            return new Imagegen4jHealthIndicator(generator, properties.defaultRequest(), provider.getIfUnique(),
                    config.getIfUnique());
        }
    }

    /**
     * Spring AI's own OpenAI image auto-configuration matches when {@code spring.ai.model.image} is unset or
     * {@code openai}; setting it to {@value #SPRING_AI_MODEL} switches that off and this on.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ImageModel.class)
    @ConditionalOnProperty(name = SpringAIModelProperties.IMAGE_MODEL, havingValue = SPRING_AI_MODEL)
    static class SpringAiConfiguration {
        @Bean
        @ConditionalOnMissingBean(ImageModel.class)
        Imagegen4jImageModel imagegen4jImageModel(ImageGenerator generator, Imagegen4jProperties properties) {
            return new Imagegen4jImageModel(generator, properties.defaultRequest());
        }
    }
}
