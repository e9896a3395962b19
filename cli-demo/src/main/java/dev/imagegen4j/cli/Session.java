package dev.imagegen4j.cli;

import dev.imagegen4j.CostEstimator;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.PriceCatalog;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** What every command needs from its surroundings: the environment, the provider and its config. */
final class Session {
    static final String PROVIDER_VARIABLE = "IMAGEGEN_PROVIDER";
    static final String KEY_VARIABLE = "GPTPROTO_API_KEY";

    private final Map<String, String> environment;

    Session(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The provider: {@code requested}, else {@code $IMAGEGEN_PROVIDER}, else {@code gptproto} when
     * {@code GPTPROTO_API_KEY} is set, else {@code mock} with a note on {@code err} that ends with
     * {@code mockDoes}, what the mock then does for the command ("makes the images").
     */
    ImageProvider provider(@Nullable String requested, PrintWriter err, String mockDoes) {
        String id = requested != null ? requested : environment.get(PROVIDER_VARIABLE);
        if (id == null || id.isBlank()) {
            String key = environment.get(KEY_VARIABLE);
            if (key != null && !key.isBlank()) {
                id = "gptproto";
            } else {
                id = "mock";
                err.println("note: " + KEY_VARIABLE + " is not set, so the offline mock provider " + mockDoes
                        + " (choose one with --provider)");
            }
        }
        return ImageProviders.get(id.strip());
    }

    /**
     * A generator of {@code provider} configured by {@code options} that keeps its images in {@code spool}
     * (beside their targets, so that saving them is a rename) or in memory when there is none, lenient
     * when asked, with the cost limits {@code limits} sets.
     */
    ImageGenerator generator(ImageProvider provider, ProviderOptions options, @Nullable Spool spool, boolean lenient,
                             Consumer<ImageGenerator.Builder> limits) {
        ImageGenerator.Builder generator = ImageGenerator.builder(provider).config(config(options.apiKeyFile))
                .storage(spool == null ? ImageStorage.memory() : ImageStorage.directory(spool.path()))
                .lenient(lenient).prices(prices(options.prices));
        limits.accept(generator);
        try {
            return generator.build();
        } catch (IllegalArgumentException e) {
            // A provider's word for a bad setting: the user's to fix, like any other usage error.
            throw new Main.UsageException(e.getMessage());
        }
    }

    /** An estimator of {@code provider}'s costs with the prices of {@code options}; needs no credentials. */
    CostEstimator estimator(ImageProvider provider, ProviderOptions options) {
        return CostEstimator.of(provider, prices(options.prices));
    }

    /** The prices in {@code file}, a usage error when it cannot be read or is malformed; none without a file. */
    private static PriceCatalog prices(@Nullable Path file) {
        if (file == null) {
            return PriceCatalog.empty();
        }
        try {
            return PriceCatalog.load(file);
        } catch (NoSuchFileException e) {
            throw new Main.UsageException("cannot read the prices " + file + ": no such file");
        } catch (IOException e) {
            throw new Main.UsageException("cannot read the prices " + file + ": " + OutputDirectory.reason(e));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /**
     * The config for a provider: settings from the environment and system properties, plus the API
     * key read from {@code apiKeyFile} when given.
     */
    ProviderConfig config(@Nullable Path apiKeyFile) {
        ProviderConfig.Builder config = ProviderConfig.builder().environment(environment);
        if (apiKeyFile != null) {
            try {
                config.apiKey(Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API key file " + apiKeyFile, e);
            }
        }
        return config.build();
    }
}
