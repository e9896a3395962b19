package dev.imagegen4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.example.solid.SolidColorProvider;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

    /** The kit for a provider, counting the calls of every broken backend. */
    abstract static class BrokenKit extends ImageProviderConformanceKit {
        private final Supplier<ImageProvider> provider;

        BrokenKit(Supplier<ImageProvider> provider) {
            this.provider = provider;
        }

        @Override
        protected ImageProvider provider() {
            return provider.get();
        }

        @Override
        protected ProviderConfig config() {
            return ProviderConfig.defaults();
        }

        @Override
        protected long ioCount() {
            return BrokenProviders.CALLS.get();
        }
    }

    static class IgnoresCountKit extends BrokenKit {
        IgnoresCountKit() {
            super(BrokenProviders.IgnoresCount::new);
        }
    }

    static class IgnoresSizeKit extends BrokenKit {
        IgnoresSizeKit() {
            super(BrokenProviders.IgnoresSize::new);
        }
    }

    static class IgnoresAspectRatioKit extends BrokenKit {
        IgnoresAspectRatioKit() {
            super(BrokenProviders.IgnoresAspectRatio::new);
        }

        @Override
        protected String model() {
            return "solid-ratio";
        }
    }

    static class IgnoresSeedKit extends BrokenKit {
        IgnoresSeedKit() {
            super(BrokenProviders.IgnoresSeed::new);
        }
    }

    static class IgnoresNegativePromptKit extends BrokenKit {
        IgnoresNegativePromptKit() {
            super(BrokenProviders.IgnoresNegativePrompt::new);
        }
    }

    static class IgnoresReferenceImagesKit extends BrokenKit {
        IgnoresReferenceImagesKit() {
            super(BrokenProviders.IgnoresReferenceImages::new);
        }
    }

    static class IgnoresStorageKit extends BrokenKit {
        IgnoresStorageKit() {
            super(BrokenProviders.IgnoresStorage::new);
        }
    }

    static class LeaksKeyKit extends BrokenKit {
        LeaksKeyKit() {
            super(BrokenProviders.LeaksKey::new);
        }

        @Override
        protected ProviderConfig config() {
            return ProviderConfig.builder().apiKey(BrokenProviders.LeaksKey.KEY).environment(Map.of())
                    .systemProperties(Map.of()).build();
        }

        @Override
        protected String secret() {
            return BrokenProviders.LeaksKey.KEY;
        }

        @Override
        protected boolean failNextRequest() {
            BrokenProviders.LeaksKey.failNext = true;
            return true;
        }
    }

    /** The sound example provider, with a kit whose I/O count never moves, as the kit's old default. */
    static class CountsNoIoKit extends BrokenKit {
        CountsNoIoKit() {
            super(SolidColorProvider::new);
        }

        @Override
        protected long ioCount() {
            return 0;
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
    void aProviderThatIgnoresTheCountFailsTheCountCheck() {
        assertEquals(List.of("countIsHonoured"), failedChecks(IgnoresCountKit.class));
    }

    @Test
    void aProviderThatIgnoresTheSizeFailsTheSizeCheck() {
        assertEquals(List.of("sizeIsHonoured"), failedChecks(IgnoresSizeKit.class));
    }

    @Test
    void aProviderThatAnswersSquaresFailsTheAspectRatioCheck() {
        assertEquals(List.of("aspectRatioIsHonoured"), failedChecks(IgnoresAspectRatioKit.class));
    }

    @Test
    void aProviderThatIgnoresTheSeedFailsTheSeedCheck() {
        assertEquals(List.of("seedIsHonoured"), failedChecks(IgnoresSeedKit.class));
    }

    @Test
    void aProviderThatIgnoresTheNegativePromptFailsTheNegativePromptCheck() {
        assertEquals(List.of("negativePromptIsUsed"), failedChecks(IgnoresNegativePromptKit.class));
    }

    @Test
    void aProviderThatIgnoresReferenceImagesFailsTheReferenceImageCheck() {
        assertEquals(List.of("referenceImageIsUsed"), failedChecks(IgnoresReferenceImagesKit.class));
    }

    @Test
    void aProviderThatIgnoresTheCallersStorageFailsTheStorageCheck() {
        assertEquals(List.of("storageIsHonoured"), failedChecks(IgnoresStorageKit.class));
    }

    @Test
    void aProviderThatLeaksItsKeyFailsTheSecretCheck() {
        assertEquals(List.of("failureMessagesHideTheSecret"), failedChecks(LeaksKeyKit.class));
    }

    @Test
    void aKitWhoseIoCountNeverMovesFailsTheCountedGenerationCheck() {
        assertEquals(List.of("generationIsCounted"), failedChecks(CountsNoIoKit.class));
    }
}
