package dev.imagegen4j.spring;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ValidationResult;
import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import dev.imagegen4j.spi.ImageProvider;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether imagegen4j is configured to work, without calling the provider (a call would cost
 * money): the provider and model, whether an API key is configured (never the key), and whether the
 * default request is valid for the model. Down when the defaults break the model's rules. (A provider
 * that needs a key and has none already stopped the application from starting.)
 */
public class Imagegen4jHealthIndicator extends AbstractHealthIndicator {
    private static final String PROBE_PROMPT = "health check";

    private final ImageGenerator generator;
    private final ImageRequest defaults;
    private final @Nullable ImageProvider provider;
    private final @Nullable ProviderConfig config;

    /**
     * A health indicator of {@code generator} and its default request; {@code provider} and {@code config},
     * when known, tell whether an API key is configured.
     */
    public Imagegen4jHealthIndicator(ImageGenerator generator, ImageRequest defaults, @Nullable ImageProvider provider,
                                     @Nullable ProviderConfig config) {
        super("imagegen4j health check failed");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.provider = provider;
        this.config = config;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ValidationResult result = generator.validate(defaults.toBuilder().prompt(PROBE_PROMPT).build());
        builder.up().withDetail("provider", generator.providerId()).withDetail("model", result.modelId());
        if (provider != null && config != null && provider.id().equals(generator.providerId())
                && provider.settings().stream().anyMatch(setting -> setting.key().equals(ProviderConfig.API_KEY))) {
            boolean present = config.get(provider.id(), ProviderConfig.API_KEY).filter(key -> !key.isBlank())
                    .isPresent();
            builder.withDetail("apiKey", present ? "present" : "missing");
        }
        if (!result.warnings().isEmpty()) {
            builder.withDetail("warnings", result.warnings().stream().map(Warning::reason).toList());
        }
        if (!result.isValid()) {
            builder.down().withDetail("violations", result.errors().stream().map(Violation::message).toList());
        }
    }
}
