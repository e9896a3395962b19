package dev.imagegen4j.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A setting a provider reads, as {@link ImageProvider#settings()} lists it.
 *
 * @param key the key, such as {@code api-key}; also {@code -Dimagegen4j.<provider>.<key>} and {@code <PROVIDER>_<KEY>}
 * @param description one line for people
 * @param defaultValue the value used when none is set, as text, or {@code null} when there is none
 * @param secret whether the value is a credential, never to be shown
 */
public record ProviderSetting(String key, String description, @Nullable String defaultValue, boolean secret) {
    public ProviderSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
    }

    /** A setting that is not a secret. */
    public static ProviderSetting of(String key, @Nullable String defaultValue, String description) {
        return new ProviderSetting(key, description, defaultValue, false);
    }

    /** A secret setting, such as an API key, that has no default. */
    public static ProviderSetting secret(String key, String description) {
        return new ProviderSetting(key, description, null, true);
    }
}
