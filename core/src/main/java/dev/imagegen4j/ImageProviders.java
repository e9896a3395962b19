package dev.imagegen4j;

import dev.imagegen4j.spi.ImageProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds {@link ImageProvider}s on the class path (or module path) with {@link ServiceLoader}, using
 * the thread's context class loader. Discovery is a convenience: {@code new SomeProvider().create(config)}
 * works without it.
 *
 * <p>Every lookup fails loudly on packaging mistakes: an entry in {@code META-INF/services} that cannot
 * be loaded becomes a {@link ProviderLoadException} with the cause kept, and so do two providers that
 * claim one id.
 */
public final class ImageProviders {
    /** The system property that {@link #only()} reads to choose among several providers. */
    public static final String PROVIDER_PROPERTY = "imagegen4j.provider";

    private static final String ADD_ONE =
            "Add a provider module (e.g. imagegen4j-provider-gptproto or imagegen4j-provider-mock) to the class path.";

    private ImageProviders() {
    }

    /**
     * Every provider found, ordered by id. Each call loads them afresh.
     *
     * @throws ProviderLoadException when a listed provider cannot be loaded, or two share an id
     */
    public static List<ImageProvider> available() {
        List<ImageProvider> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<ImageProvider>> entries = ServiceLoader.load(ImageProvider.class).stream().iterator();
        while (true) {
            try {
                if (!entries.hasNext()) {
                    break;
                }
                found.add(entries.next().get());
            } catch (ServiceConfigurationError e) {
                throw new ProviderLoadException("Could not load an image provider listed in META-INF/services/"
                        + ImageProvider.class.getName() + ": " + e.getMessage(), ErrorDetails.none(), e);
            }
        }
        rejectSharedIds(found);
        found.sort(Comparator.comparing(ImageProvider::id));
        return List.copyOf(found);
    }

    private static void rejectSharedIds(List<ImageProvider> found) {
        Map<String, ImageProvider> byId = new HashMap<>();
        for (ImageProvider provider : found) {
            ImageProvider other = byId.putIfAbsent(provider.id(), provider);
            if (other != null) {
                throw new ProviderLoadException("Two image providers claim the id '" + provider.id() + "': "
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + ". Remove one of them from the class path.", ErrorDetails.none(), null);
            }
        }
    }

    /**
     * The provider with {@code id}.
     *
     * @throws ProviderNotFoundException naming the providers that were found when none has this id
     * @throws ProviderLoadException as for {@link #available()}
     */
    public static ImageProvider get(String id) {
        Objects.requireNonNull(id, "id");
        List<ImageProvider> found = available();
        return found.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new ProviderNotFoundException(found.isEmpty()
                        ? "No image provider with id '" + id + "': none is on the class path. " + ADD_ONE
                        : "No image provider with id '" + id + "'. Available: " + ids(found) + ".",
                        ErrorDetails.none()));
    }

    /**
     * The provider named by the system property {@value #PROVIDER_PROPERTY} if it is set, otherwise the
     * only provider on the class path.
     *
     * @throws ProviderNotFoundException when there is none, or the property names one that is not found
     * @throws ProviderLoadException when there are several and the property is not set, or as for {@link #available()}
     */
    public static ImageProvider only() {
        String chosen = System.getProperty(PROVIDER_PROPERTY);
        if (chosen != null) {
            return get(chosen.trim());
        }
        List<ImageProvider> found = available();
        if (found.isEmpty()) {
            throw new ProviderNotFoundException("No image provider found. " + ADD_ONE, ErrorDetails.none());
        }
        if (found.size() > 1) {
            throw new ProviderLoadException("Several image providers found: " + found.stream()
                    .map(p -> p.id() + " (" + p.getClass().getName() + ")")
                    .collect(Collectors.joining(", "))
                    + ". Choose one with ImageProviders.get(id) or -D" + PROVIDER_PROPERTY + "=<id>.",
                    ErrorDetails.none(), null);
        }
        return found.get(0);
    }

    private static String ids(List<ImageProvider> providers) {
        return providers.stream().map(ImageProvider::id).collect(Collectors.joining(", "));
    }
}
