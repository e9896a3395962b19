package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.testproviders.AlphaProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageProvidersTest {
    private static final String SERVICES = "META-INF/services/" + ImageProvider.class.getName();
    /**
     * The registration most tests run with. It lives in the tests, not in a services file of the test
     * classes, so that modules whose narrow builds put core's test classes on their class path do not
     * discover these providers.
     */
    private static final List<String> ALPHA_AND_BETA = List.of("# comment lines are allowed",
            "dev.imagegen4j.testproviders.BetaProvider", "dev.imagegen4j.testproviders.AlphaProvider");
    private static final String ADD_ONE = "Add a provider module (e.g. imagegen4j-provider-gptproto or "
            + "imagegen4j-provider-mock) to the class path.";

    @TempDir
    Path temp;

    @AfterEach
    void clearProviderProperty() {
        System.clearProperty(ImageProviders.PROVIDER_PROPERTY);
    }

    @Test
    void listsTheRegisteredProvidersOrderedById() throws Exception {
        List<ImageProvider> providers = registered(ImageProviders::available);

        assertThat(providers).extracting(ImageProvider::id).containsExactly("alpha", "beta");
    }

    @Test
    void getsAProviderById() throws Exception {
        ImageProvider provider = registered(() -> ImageProviders.get("alpha"));

        assertThat(provider).isInstanceOf(AlphaProvider.class);
    }

    @Test
    void unknownIdNamesTheProvidersFound() throws Exception {
        assertThat(withServices(ALPHA_AND_BETA, () -> ImageProviders.get("gptproto")))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("No image provider with id 'gptproto'. Available: alpha, beta.");
    }

    @Test
    void unknownIdWithNoProvidersSaysWhatToAdd() throws Exception {
        Throwable thrown = withServices(List.of(), () -> ImageProviders.get("mock"));

        assertThat(thrown).isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("No image provider with id 'mock': none is on the class path. " + ADD_ONE);
    }

    @Test
    void onlyWithNoProvidersSaysWhatToAdd() throws Exception {
        Throwable thrown = withServices(List.of(), ImageProviders::only);

        assertThat(thrown).isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("No image provider found. " + ADD_ONE);
    }

    @Test
    void onlyWithSeveralProvidersListsThemAndSaysHowToChoose() throws Exception {
        assertThat(withServices(ALPHA_AND_BETA, ImageProviders::only))
                .isInstanceOf(ProviderLoadException.class)
                .hasMessage("Several image providers found: alpha (dev.imagegen4j.testproviders.AlphaProvider), "
                        + "beta (dev.imagegen4j.testproviders.BetaProvider). Choose one with ImageProviders.get(id) "
                        + "or -Dimagegen4j.provider=<id>.");
    }

    @Test
    void onlyHonoursTheProviderProperty() throws Exception {
        System.setProperty(ImageProviders.PROVIDER_PROPERTY, "beta");

        ImageProvider provider = registered(ImageProviders::only);

        assertThat(provider.id()).isEqualTo("beta");
    }

    @Test
    void onlyReturnsTheSingleProvider() throws Exception {
        ImageProvider[] found = new ImageProvider[1];

        Throwable thrown = withServices(List.of("dev.imagegen4j.testproviders.BetaProvider"),
                () -> found[0] = ImageProviders.only());

        assertThat(thrown).isNull();
        assertThat(found[0].id()).isEqualTo("beta");
    }

    @Test
    void twoProvidersClaimingOneIdAreAnErrorNamingBothClasses() throws Exception {
        Throwable thrown = withServices(List.of("dev.imagegen4j.testproviders.AlphaProvider",
                "dev.imagegen4j.testproviders.SecondAlphaProvider"), ImageProviders::available);

        assertThat(thrown).isInstanceOf(ProviderLoadException.class)
                .hasMessage("Two image providers claim the id 'alpha': dev.imagegen4j.testproviders.AlphaProvider and "
                        + "dev.imagegen4j.testproviders.SecondAlphaProvider. Remove one of them from the class path.");
    }

    @Test
    void anEntryThatIsNotOnTheClassPathIsWrappedWithItsCause() throws Exception {
        Throwable thrown = withServices(List.of("dev.imagegen4j.testproviders.MissingProvider"),
                ImageProviders::available);

        assertThat(thrown).isInstanceOf(ProviderLoadException.class)
                .hasMessage("Could not load an image provider listed in META-INF/services/"
                        + "dev.imagegen4j.spi.ImageProvider: dev.imagegen4j.spi.ImageProvider: "
                        + "Provider dev.imagegen4j.testproviders.MissingProvider not found")
                .hasCauseInstanceOf(ServiceConfigurationError.class);
    }

    @Test
    void aProviderWhoseConstructorFailsIsWrappedWithItsCause() throws Exception {
        Throwable thrown = withServices(List.of("dev.imagegen4j.testproviders.FailingProvider"),
                ImageProviders::available);

        assertThat(thrown).isInstanceOf(ProviderLoadException.class)
                .hasMessage("Could not load an image provider listed in META-INF/services/"
                        + "dev.imagegen4j.spi.ImageProvider: dev.imagegen4j.spi.ImageProvider: "
                        + "Provider dev.imagegen4j.testproviders.FailingProvider could not be instantiated")
                .hasCauseInstanceOf(ServiceConfigurationError.class)
                .hasRootCauseMessage("cannot start");
    }

    /** What {@code action} returns when alpha and beta are the providers registered. */
    private <T> T registered(Callable<T> action) throws Exception {
        List<T> result = new ArrayList<>(1);
        Throwable thrown = withServices(ALPHA_AND_BETA, () -> result.add(action.call()));
        if (thrown != null) {
            throw new AssertionError("expected no failure", thrown);
        }
        return result.get(0);
    }

    /** Runs {@code action} with a context class loader whose services file lists only {@code classNames}. */
    private Throwable withServices(List<String> classNames, Callable<?> action) throws IOException {
        Path services = Files.write(temp.resolve("services"), classNames);
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ServicesOverride(original, services.toUri().toURL()));
        try {
            action.call();
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    /** Loads classes from its parent but answers the services lookup with one file of its own. */
    private static final class ServicesOverride extends ClassLoader {
        private final URL services;

        ServicesOverride(ClassLoader parent, URL services) {
            super(parent);
            this.services = services;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.equals(SERVICES) ? Collections.enumeration(List.of(services)) : super.getResources(name);
        }
    }
}
