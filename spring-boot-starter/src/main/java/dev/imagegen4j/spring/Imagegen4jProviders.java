package dev.imagegen4j.spring;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderLoadException;
import dev.imagegen4j.ProviderNotFoundException;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** How the starter chooses the provider and reads its settings from the Spring environment. */
final class Imagegen4jProviders {
    private Imagegen4jProviders() {
    }

    /**
     * The provider named by {@code imagegen4j.provider}, else the only one on the class path.
     *
     * @throws ProviderNotFoundException when there is none, or none with the id given
     * @throws ProviderLoadException when there are several and none was chosen
     */
    static ImageProvider resolve(@Nullable String id) {
        if (id != null && !id.isBlank()) {
            return ImageProviders.get(id.trim());
        }
        List<ImageProvider> found = ImageProviders.available();
        if (found.isEmpty()) {
            throw new ProviderNotFoundException("No image provider found on the class path. Add a provider module "
                    + "(e.g. imagegen4j-provider-gptproto or imagegen4j-provider-mock).", ErrorDetails.none());
        }
        if (found.size() > 1) {
            throw new ProviderLoadException("Several image providers found: " + found.stream().map(ImageProvider::id)
                    .collect(Collectors.joining(", ")) + ". Choose one with the property "
                    + Imagegen4jProperties.PREFIX + ".provider.", ErrorDetails.none(), null);
        }
        return found.get(0);
    }

    /**
     * The settings of {@code provider} under {@code imagegen4j.<id>.*}, its secrets marked as such; what is not
     * set there comes from {@code -Dimagegen4j.<id>.<key>} and {@code <ID>_<KEY>} as everywhere.
     *
     * @throws IllegalArgumentException naming the property when the provider declares no such setting
     */
    static ProviderConfig config(ImageProvider provider, Environment environment) {
        String prefix = Imagegen4jProperties.PREFIX + "." + provider.id();
        Map<String, String> values = new TreeMap<>(Binder.get(environment)
                .bind(prefix, Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        Set<String> declared = provider.settings().stream().map(ProviderSetting::key).collect(Collectors.toSet());
        Set<String> secrets = provider.settings().stream().filter(ProviderSetting::secret).map(ProviderSetting::key)
                .collect(Collectors.toSet());
        ProviderConfig.Builder config = ProviderConfig.builder();
        values.forEach((key, value) -> {
            if (!declared.isEmpty() && !declared.contains(key)) {
                // A misspelt setting would otherwise be ignored without a word.
                throw new IllegalArgumentException(prefix + "." + key + " is not a setting of " + provider.id()
                        + "; it takes " + declared.stream().sorted().collect(Collectors.joining(", ")) + ".");
            }
            if (secrets.contains(key)) {
                config.secret(key, value);
            } else {
                config.set(key, value);
            }
        });
        return config.build();
    }
}
