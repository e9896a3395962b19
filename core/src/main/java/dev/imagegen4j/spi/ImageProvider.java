package dev.imagegen4j.spi;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import java.util.List;

/**
 * The entry point of a provider module: cheap, stateless and named. Discovery instantiates every
 * provider on the class path, so the public no-argument constructor must do no I/O and open
 * nothing; only {@link #open(ProviderConfig)} may.
 *
 * <p>Users do not call {@link #open} themselves: they make a core
 * {@link dev.imagegen4j.ImageGenerator} of the provider, which validates every request against
 * {@link #models()} before the backend sees it.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.imagegen4j.spi.ImageProvider} and,
 * for the module path, with {@code provides dev.imagegen4j.spi.ImageProvider with ...} in
 * {@code module-info.java}.
 */
public interface ImageProvider {

    /** The stable lowercase id users select the provider by, such as {@code gptproto}. */
    String id();

    /** A name for people, such as {@code "GPTProto"}. Defaults to the id. */
    default String displayName() {
        return id();
    }

    /** The models the provider serves and what each accepts. */
    ModelCatalog models();

    /**
     * The settings the provider reads from a {@link ProviderConfig}, for listings and documentation;
     * the secret ones are never shown. Empty for a provider that reads none.
     */
    default List<ProviderSetting> settings() {
        return List.of();
    }

    /**
     * A backend configured by {@code config}; the generator that asked for it closes it.
     *
     * @throws dev.imagegen4j.AuthenticationException when a required API key is missing
     * @throws IllegalArgumentException when a setting has an invalid value, naming the setting
     */
    ImageBackend open(ProviderConfig config);
}
