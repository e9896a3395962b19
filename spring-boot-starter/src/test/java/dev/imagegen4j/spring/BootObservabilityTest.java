package dev.imagegen4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With Spring Boot's own observation and metrics auto-configuration, in the order Boot applies them: the
 * starter finds their registries, and a generation ends up as meters without a line of code.
 */
class BootObservabilityTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Imagegen4jAutoConfiguration.class, ObservationAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("imagegen4j.provider=mock");

    @Test
    void aGenerationIsTimedAndItsTokensCountedThroughBootsRegistries() {
        runner.run(context -> {
            ImageResponse response = context.getBean(ImageGenerator.class)
                    .generate(ImageRequest.builder("a lighthouse").build());
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            assertThat(meters.get("gen_ai.client.operation.duration").tag("gen_ai.provider.name", "mock")
                    .tag("error.type", "none").timer().count()).isEqualTo(1);
            assertThat((long) meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary()
                    .totalAmount()).isEqualTo(response.usage().outputTokens());
            assertThat(meters.get("gen_ai.client.operation").timer().count())
                    .as("Boot's default handler times the observation too").isEqualTo(1);
        });
    }
}
