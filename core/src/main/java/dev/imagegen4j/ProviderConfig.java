package dev.imagegen4j;

import dev.imagegen4j.internal.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Settings for {@link dev.imagegen4j.spi.ImageProvider#create(ProviderConfig)}. Immutable and thread-safe.
 *
 * <p>A setting is a key such as {@code api-key}, looked up for a provider id in this order:
 * <ol>
 * <li>a value set explicitly on this config;</li>
 * <li>the system property {@code imagegen4j.<provider>.<key>}, e.g. {@code imagegen4j.gptproto.api-key};</li>
 * <li>the environment variable {@code <PROVIDER>_<KEY>} in upper case with {@code -} and {@code .}
 *     as {@code _}, e.g. {@code GPTPROTO_API_KEY}.</li>
 * </ol>
 * Each provider documents the keys it reads, and declares which hold secrets
 * ({@link dev.imagegen4j.spi.ImageProvider#settings()}). {@link #toString()} shows only explicit values,
 * and never those set with {@link Builder#apiKey} or {@link Builder#secret}: set credentials that way.
 *
 * <pre>{@code
 * ProviderConfig.of(URI.create("https://gptproto.com"), System.getenv("MY_KEY"))
 * ProviderConfig.builder().set("max-retries", "4").build()
 * ProviderConfig.defaults()   // everything from system properties and the environment
 * }</pre>
 */
public final class ProviderConfig {
    /** The key of the API key setting. */
    public static final String API_KEY = "api-key";
    /** The key of the base URL setting. */
    public static final String BASE_URL = "base-url";

    private static final ProviderConfig DEFAULTS = builder().build();

    private final Map<String, String> explicit;
    private final Set<String> secretKeys;
    private final UnaryOperator<@Nullable String> systemProperties;
    private final UnaryOperator<@Nullable String> environment;

    private ProviderConfig(Builder builder) {
        explicit = Map.copyOf(builder.explicit);
        secretKeys = Set.copyOf(builder.secretKeys);
        systemProperties = builder.systemProperties;
        environment = builder.environment;
    }

    /** A config with no explicit values: every setting comes from system properties or the environment. */
    public static ProviderConfig defaults() {
        return DEFAULTS;
    }

    /** A config with an explicit base URL and API key; other settings come from the usual places. */
    public static ProviderConfig of(URI baseUrl, String apiKey) {
        return builder().baseUrl(baseUrl).apiKey(apiKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of {@code key} for {@code providerId}, from the first place that has it. */
    public Optional<String> get(String providerId, String key) {
        return lookup(providerId, key).map(Found::value);
    }

    /**
     * An integer setting.
     *
     * @throws IllegalArgumentException naming the setting and where it came from when it is not an integer
     */
    public Optional<Integer> getInt(String providerId, String key) {
        return lookup(providerId, key).map(found -> {
            try {
                return Integer.parseInt(found.value().trim());
            } catch (NumberFormatException e) {
                throw found.invalid("an integer", e);
            }
        });
    }

    /**
     * A boolean setting: {@code true} or {@code false}, ignoring case.
     *
     * @throws IllegalArgumentException naming the setting and where it came from when it is neither
     */
    public Optional<Boolean> getBoolean(String providerId, String key) {
        return lookup(providerId, key).map(found -> switch (found.value().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw found.invalid("true or false", null);
        });
    }

    /**
     * A duration setting: a number of seconds ({@code 300}), a number with a unit ({@code 500ms},
     * {@code 30s}, {@code 5m}, {@code 1h}) or ISO-8601 ({@code PT5M}).
     *
     * @throws IllegalArgumentException naming the setting and where it came from when it is none of these
     */
    public Optional<Duration> getDuration(String providerId, String key) {
        return lookup(providerId, key).map(found -> {
            Duration parsed;
            try {
                parsed = Durations.parse(found.value());
            } catch (IllegalArgumentException e) {
                throw found.invalid("a duration such as 300, 30s, 5m or PT5M", e);
            }
            if (parsed.isNegative()) {
                throw found.invalid("a duration that is not negative", null);
            }
            return parsed;
        });
    }

    /** The system property that holds {@code key} for {@code providerId}, e.g. {@code imagegen4j.gptproto.api-key}. */
    public static String systemPropertyName(String providerId, String key) {
        return "imagegen4j." + providerId + "." + key;
    }

    /** The environment variable that holds {@code key} for {@code providerId}, e.g. {@code GPTPROTO_API_KEY}. */
    public static String environmentName(String providerId, String key) {
        return (providerId + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private Optional<Found> lookup(String providerId, String key) {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(key, "key");
        boolean secret = key.equals(API_KEY) || secretKeys.contains(key);
        String value = explicit.get(key);
        if (value != null) {
            return Optional.of(new Found(providerId, key, value, secret, "the explicit setting"));
        }
        String property = systemPropertyName(providerId, key);
        value = systemProperties.apply(property);
        if (value != null) {
            return Optional.of(new Found(providerId, key, value, secret, "system property " + property));
        }
        String variable = environmentName(providerId, key);
        value = environment.apply(variable);
        if (value != null) {
            return Optional.of(new Found(providerId, key, value, secret, "environment variable " + variable));
        }
        return Optional.empty();
    }

    private record Found(String providerId, String key, String value, boolean secret, String source) {
        IllegalArgumentException invalid(String expected, @Nullable Exception cause) {
            String shown = secret ? "" : " but was '" + value + "'";
            // The cause's message would repeat the value, so it is dropped for secrets.
            return new IllegalArgumentException(providerId + " setting " + key + " must be " + expected + shown
                    + " (from " + source + ")", secret ? null : cause);
        }
    }

    /** Shows the explicit settings, with secrets as {@code ***}; looked-up values are not shown. */
    @Override
    public String toString() {
        return explicit.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (secretKeys.contains(e.getKey()) ? "***" : e.getValue()))
                .collect(Collectors.joining(", ", "ProviderConfig{", "}"));
    }

    /** Builds {@link ProviderConfig}s. */
    public static final class Builder {
        private final Map<String, String> explicit = new LinkedHashMap<>();
        private final Set<String> secretKeys = new HashSet<>();
        private UnaryOperator<@Nullable String> systemProperties = System::getProperty;
        private UnaryOperator<@Nullable String> environment = System::getenv;

        private Builder() {
        }

        /** Sets the API key explicitly; it is never shown. */
        public Builder apiKey(String apiKey) {
            return secret(API_KEY, apiKey);
        }

        /**
         * Sets the secret {@code key} explicitly, such as a proxy URL with credentials; its value is never
         * shown.
         */
        public Builder secret(String key, String value) {
            set(key, value);
            secretKeys.add(key);
            return this;
        }

        public Builder baseUrl(URI baseUrl) {
            return set(BASE_URL, baseUrl.toString());
        }

        /**
         * Sets {@code key} explicitly, overriding system properties and the environment. Its value shows in
         * {@link ProviderConfig#toString()} (but for {@code api-key}); set secrets with {@link #secret}.
         */
        public Builder set(String key, String value) {
            explicit.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> key));
            if (key.equals(API_KEY)) {
                secretKeys.add(key);
            }
            return this;
        }

        /**
         * Replaces the system properties consulted (the JVM's by default); pass an empty map to ignore them.
         * Meant for tests and for hosts that keep settings elsewhere.
         */
        public Builder systemProperties(Map<String, String> properties) {
            Map<String, String> copy = Map.copyOf(properties);
            systemProperties = copy::get;
            return this;
        }

        /** Replaces the environment consulted (the process's by default); pass an empty map to ignore it. */
        public Builder environment(Map<String, String> variables) {
            Map<String, String> copy = Map.copyOf(variables);
            environment = copy::get;
            return this;
        }

        public ProviderConfig build() {
            return new ProviderConfig(this);
        }
    }
}
