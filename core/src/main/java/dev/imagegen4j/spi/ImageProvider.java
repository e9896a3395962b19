package dev.imagegen4j.spi;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;

/**
 * The entry point of a provider module: cheap, stateless and named. Discovery instantiates every
 * provider on the class path, so the public no-argument constructor must do no I/O and open
 * nothing; only {@link #create(ProviderConfig)} may.
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
     * A generator configured by {@code config}; the caller closes it.
     *
     * @throws dev.imagegen4j.AuthenticationException when a required API key is missing
     * @throws IllegalArgumentException when a setting has an invalid value, naming the setting
     */
    ImageGenerator create(ProviderConfig config);
}
