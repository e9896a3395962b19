package dev.imagegen4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the kit against providers that are broken on purpose and checks that the check meant for each
 * one fails, and only that one. The kits below are nested static classes, which Surefire does not run
 * on their own.
 */
class KitCatchesBrokenProvidersTest {

    static class IgnoresCountKit extends ImageProviderConformanceKit {
        @Override
        protected ImageProvider provider() {
            return new BrokenProviders.IgnoresCount();
        }

        @Override
        protected ProviderConfig config() {
            return ProviderConfig.defaults();
        }
    }

    static class IgnoresSizeKit extends ImageProviderConformanceKit {
        @Override
        protected ImageProvider provider() {
            return new BrokenProviders.IgnoresSize();
        }

        @Override
        protected ProviderConfig config() {
            return ProviderConfig.defaults();
        }
    }

    static class LeaksKeyKit extends ImageProviderConformanceKit {
        private static final String KEY = BrokenProviders.LeaksKey.KEY.apply("broken-leak");

        @Override
        protected ImageProvider provider() {
            return new BrokenProviders.LeaksKey();
        }

        @Override
        protected ProviderConfig config() {
            return ProviderConfig.builder().apiKey(KEY).environment(Map.of()).systemProperties(Map.of()).build();
        }

        @Override
        protected String secret() {
            return KEY;
        }

        @Override
        protected boolean failNextRequest(ImageGenerator generator) {
            BrokenProviders.LeaksKey.failNext = true;
            return true;
        }
    }

    private static List<String> failedChecks(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(kit))
                .execute()
                .testEvents()
                .failed()
                .stream()
                .map(Event::getTestDescriptor)
                .map(descriptor -> ((MethodSource) descriptor.getSource().orElseThrow()).getMethodName())
                .sorted()
                .toList();
    }

    @Test
    void aProviderThatIgnoresNFailsTheCountCheck() {
        assertEquals(List.of("countIsHonoured"), failedChecks(IgnoresCountKit.class));
    }

    @Test
    void aProviderThatIgnoresTheSizeFailsTheSizeCheck() {
        assertEquals(List.of("sizeIsHonoured"), failedChecks(IgnoresSizeKit.class));
    }

    @Test
    void aProviderThatLeaksItsKeyFailsTheSecretCheck() {
        assertEquals(List.of("failureMessagesHideTheSecret"), failedChecks(LeaksKeyKit.class));
    }
}
