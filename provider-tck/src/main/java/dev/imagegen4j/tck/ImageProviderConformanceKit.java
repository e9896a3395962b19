package dev.imagegen4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagegen4j.Background;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.Violation;
import dev.imagegen4j.spi.ImageProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The conformance kit for imagegen4j providers. A provider's test extends it and supplies the
 * provider and a working config; the kit's {@link Nested} groups then check that the provider
 * behaves as imagegen4j's own providers do. Results are checked from the image bytes, never from
 * what the provider says about them.
 *
 * <pre>{@code
 * class MyProviderConformanceTest extends ImageProviderConformanceKit {
 *     @Override protected ImageProvider provider() { return new MyProvider(); }
 *     @Override protected ProviderConfig config() { return ProviderConfig.of(stubUrl, "test-key"); }
 *     @Override protected @Nullable String secret() { return "test-key"; }
 * }
 * }</pre>
 *
 * <p>HTTP providers run it against a stub that answers like the real service, and report the stub's
 * request count through {@link #ioCount()} so the kit can prove that construction and invalid requests
 * send nothing. Optional features are skipped with assumptions (streaming, for instance, when the
 * model does not stream), never with hand-kept flags.
 */
public abstract class ImageProviderConformanceKit {

    /** A new instance of the provider under test. */
    protected abstract ImageProvider provider();

    /**
     * A config with which {@link ImageProvider#create} gives a working generator. Called lazily, after
     * the subclass's {@code @BeforeEach} methods, so it may depend on a stub started there.
     */
    protected abstract ProviderConfig config();

    /** How many requests (or other I/O) the provider has made so far, such as a stub's request count; 0 if none. */
    protected long ioCount() {
        return 0;
    }

    /** The secret in {@link #config()}, such as the API key, that must never be shown; {@code null} if none. */
    protected @Nullable String secret() {
        return null;
    }

    /**
     * Arranges for the next request of {@code generator} to fail, for instance by telling the stub to
     * answer 401. Returns {@code false} when the provider cannot be made to fail, which skips the
     * checks that need a failure.
     */
    protected boolean failNextRequest(ImageGenerator generator) {
        return false;
    }

    /** The model the kit generates with; the provider's default model unless overridden. */
    protected String model() {
        return provider().models().defaultModel();
    }

    private ModelSpec spec() {
        return provider().models().specFor(model());
    }

    private ImageRequest.Builder request(String prompt) {
        return ImageRequest.builder(prompt).model(model());
    }

    private ImageGenerator create() {
        return provider().create(config());
    }

    private void assertNoIoDuring(String what, Executable action) throws Throwable {
        long before = ioCount();
        action.execute();
        assertEquals(before, ioCount(), what + " must do no I/O");
    }

    /** Finding the provider through {@link java.util.ServiceLoader}. */
    @Nested
    @DisplayName("discovery")
    public class Discovery {
        @Test
        @DisplayName("ServiceLoader finds the provider by its id")
        public void serviceLoaderFindsTheProviderById() {
            ImageProvider provider = provider();

            ImageProvider found = ImageProviders.get(provider.id());

            assertEquals(provider.getClass(), found.getClass(), "ImageProviders.get(\"" + provider.id() + "\")");
        }

        @Test
        @DisplayName("the id is a stable lowercase word")
        public void idIsLowercase() {
            String id = provider().id();

            assertTrue(id.matches("[a-z][a-z0-9-]*"), "provider id '" + id + "' must be lowercase letters, digits or -");
        }
    }

    /** Building providers and generators. */
    @Nested
    @DisplayName("construction")
    public class Construction {
        @Test
        @DisplayName("the no-argument constructor does no I/O")
        public void constructorDoesNoIo() throws Throwable {
            Class<? extends ImageProvider> type = provider().getClass();

            assertNoIoDuring("new " + type.getSimpleName() + "()", () -> {
                ImageProvider fresh = type.getConstructor().newInstance();
                fresh.id();
                fresh.models();
            });
        }

        @Test
        @DisplayName("create() does no I/O")
        public void createDoesNoIo() throws Throwable {
            assertNoIoDuring("create(config) and close()", () -> create().close());
        }
    }

    /** The declared models and their specs. */
    @Nested
    @DisplayName("model specs")
    public class Models {
        @Test
        @DisplayName("the default model is listed")
        public void defaultModelIsListed() {
            ModelCatalog models = provider().models();

            assertTrue(models.find(models.defaultModel()).isPresent(),
                    "default model " + models.defaultModel() + " must be among " + models.models());
        }

        @Test
        @DisplayName("every spec is consistent")
        public void specsAreConsistent() {
            for (ModelSpec spec : provider().models().models()) {
                String id = spec.id();
                assertTrue(spec.isKnown(), id + " is listed, so it must be known");
                assertEquals(spec, provider().models().specFor(id), "specFor(" + id + ") must give the listed spec");
                assertTrue(spec.count().min() >= 1, id + ": n must start at 1 or more");
                assertTrue(spec.partialImages().min() >= 0, id + ": partial images must start at 0 or more");
                assertFalse(spec.formats().isEmpty(), id + ": at least one output format");
                if (spec.backgrounds().contains(Background.TRANSPARENT)) {
                    assertTrue(spec.transparencyFormats().stream().anyMatch(spec.formats()::contains),
                            id + ": a transparent background needs an output format that can carry it");
                }
                for (ImageSize preset : spec.sizes().presets()) {
                    assertTrue(spec.validate(ImageRequest.builder("x").model(id).size(preset).build()).isValid(),
                            id + ": preset " + preset + " must validate");
                }
            }
        }
    }

    /** Requests outside a model's spec. */
    @Nested
    @DisplayName("validation before I/O")
    public class Validation {
        @Test
        @DisplayName("too many images fail with InvalidRequestException before any I/O")
        public void tooManyImagesFailBeforeIo() throws Throwable {
            ImageRequest request = request("a red circle").count(spec().count().max() + 1).build();

            assertRefusedBeforeIo(request, "n");
        }

        @Test
        @DisplayName("a blank prompt fails with InvalidRequestException before any I/O")
        public void blankPromptFailsBeforeIo() throws Throwable {
            assertRefusedBeforeIo(request(" ").build(), "prompt");
        }

        @Test
        @DisplayName("a size outside the spec fails with InvalidRequestException before any I/O")
        public void unacceptedSizeFailsBeforeIo() throws Throwable {
            ImageSize size = ImageSize.of(17, 17);
            assumeTrue(!spec().sizes().check(size, model()).isEmpty(), "the model accepts any size");

            assertRefusedBeforeIo(request("a red circle").size(size).build(), "size");
        }

        @Test
        @DisplayName("stream() validates too")
        public void streamValidatesBeforeIo() throws Throwable {
            ImageRequest request = request("a red circle").count(spec().count().max() + 1).build();

            try (ImageGenerator generator = create()) {
                assertNoIoDuring("an invalid stream()", () -> {
                    InvalidRequestException thrown = assertThrows(InvalidRequestException.class,
                            () -> generator.stream(request, event -> fail("no event may arrive: " + event)));
                    assertTrue(thrown.violations().stream().anyMatch(v -> v.field().equals("n")));
                });
            }
        }

        private void assertRefusedBeforeIo(ImageRequest request, String field) throws Throwable {
            try (ImageGenerator generator = create()) {
                assertNoIoDuring("an invalid request", () -> {
                    InvalidRequestException thrown = assertThrows(InvalidRequestException.class,
                            () -> generator.generate(request));
                    assertTrue(thrown.violations().stream().map(Violation::field).anyMatch(field::equals),
                            "the violations must name " + field + ": " + thrown.violations());
                });
            }
        }
    }

    /** What the images really are. */
    @Nested
    @DisplayName("results")
    public class Results {
        @Test
        @DisplayName("n images are returned")
        public void countIsHonoured() {
            int count = Math.min(2, spec().count().max());
            ImageResponse response;
            try (ImageGenerator generator = create()) {
                response = generator.generate(request("two blue squares").count(count).build());
            }

            assertEquals(count, response.images().size(), "images for n=" + count);
        }

        @Test
        @DisplayName("the requested size is the size in the image header")
        public void sizeIsHonoured() {
            ImageSize size = sizeToRequest();
            ImageResponse response;
            try (ImageGenerator generator = create()) {
                response = generator.generate(request("a green triangle").size(size).build());
            }

            for (GeneratedImage image : response.images()) {
                assertEquals(size, image.size(), "size read from the image bytes");
            }
        }

        @Test
        @DisplayName("each output format is the format of the bytes")
        public void formatIsHonoured() {
            try (ImageGenerator generator = create()) {
                for (OutputFormat format : spec().formats()) {
                    ImageFormat expected = format.imageFormat();
                    if (expected == null) {
                        continue;
                    }
                    ImageResponse response = generator.generate(request("a yellow star").outputFormat(format).build());
                    assertEquals(expected, response.image().format(), "format of the bytes for " + format);
                }
            }
        }

        @Test
        @DisplayName("usage is reported")
        public void usageIsReported() {
            ImageResponse response;
            try (ImageGenerator generator = create()) {
                response = generator.generate(request("a purple moon").build());
            }

            assertNotNull(response.usage(), "usage");
            assertTrue(response.usage().totalTokens() > 0, "total tokens must be positive: " + response.usage());
            assertEquals(provider().id(), response.providerId(), "providerId of the response");
        }

        private ImageSize sizeToRequest() {
            List<ImageSize> presets = spec().sizes().presets();
            if (presets.isEmpty()) {
                return spec().sizes() instanceof SizeRule.Any ? ImageSize.of(64, 48) : spec().nearestSize(4, 3, 1 << 20);
            }
            // A non-square preset catches a provider that swaps width and height.
            return presets.stream().filter(size -> size.width() != size.height()).findFirst().orElse(presets.get(0));
        }
    }

    /** Partial images while generating. */
    @Nested
    @DisplayName("streaming")
    public class Streaming {
        @Test
        @DisplayName("partial images arrive before the final one")
        public void partialImagesComeFirst() {
            assumeTrue(spec().supportsStreaming(), model() + " does not stream");
            int partials = Math.min(2, spec().partialImages().max());
            assumeTrue(partials > 0, model() + " sends no partial images");
            List<ImageEvent> events = new ArrayList<>();
            ImageResponse response;
            try (ImageGenerator generator = create()) {
                response = generator.stream(request("an orange kite").partialImages(partials).build(), events::add);
            }

            assertInstanceOf(ImageEvent.PartialImage.class, events.get(0), "the first event");
            List<ImageEvent> completed = events.stream().filter(ImageEvent.Completed.class::isInstance).toList();
            assertEquals(1, completed.size(), "completed events: " + events);
            assertInstanceOf(ImageEvent.Completed.class, events.get(events.size() - 1), "the last event");
            assertEquals(response.images().size(), completed.size(), "images in the response");
        }
    }

    /** {@link ImageGenerator#close()}. */
    @Nested
    @DisplayName("lifecycle")
    public class Lifecycle {
        @Test
        @DisplayName("close() may be called twice, and a closed generator refuses work")
        public void closeReleasesTheGenerator() {
            ImageGenerator generator = create();
            generator.generate(request("a white cloud").build());

            generator.close();
            generator.close();

            assertThrows(RuntimeException.class, () -> generator.generate(request("a grey cloud").build()),
                    "a closed generator must refuse requests");
        }
    }

    /** Secrets in output. */
    @Nested
    @DisplayName("secrets")
    public class Secrets {
        @Test
        @DisplayName("the secret is not in toString() of the config or the generator")
        public void toStringsHideTheSecret() {
            String secret = secret();
            assumeTrue(secret != null, "the config has no secret");
            try (ImageGenerator generator = create()) {
                assertHidden(secret, "config.toString()", config().toString());
                assertHidden(secret, "generator.toString()", generator.toString());
            }
        }

        @Test
        @DisplayName("the secret is not in the messages of invalid requests")
        public void invalidRequestMessagesHideTheSecret() {
            String secret = secret();
            assumeTrue(secret != null, "the config has no secret");
            try (ImageGenerator generator = create()) {
                InvalidRequestException thrown = assertThrows(InvalidRequestException.class,
                        () -> generator.generate(request(" ").count(spec().count().max() + 1).build()));
                assertHidden(secret, "the exception", describe(thrown));
            }
        }

        @Test
        @DisplayName("the secret is not in the messages of failed requests")
        public void failureMessagesHideTheSecret() {
            String secret = secret();
            assumeTrue(secret != null, "the config has no secret");
            try (ImageGenerator generator = create()) {
                assumeTrue(failNextRequest(generator), "the provider cannot be made to fail");
                ImageGenerationException thrown = assertThrows(ImageGenerationException.class,
                        () -> generator.generate(request("a failing request").build()));
                assertHidden(secret, "the exception", describe(thrown));
            }
        }

        private static String describe(Throwable thrown) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            return thrown + "\n" + trace;
        }

        private static void assertHidden(String secret, String where, String text) {
            assertFalse(text.contains(secret), where + " shows the secret");
        }
    }

    /** Use from several threads. */
    @Nested
    @DisplayName("thread safety")
    public class Concurrency {
        @Test
        @DisplayName("one generator serves several threads at once")
        public void servesSeveralThreads() throws Exception {
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try (ImageGenerator generator = create()) {
                List<Future<ImageResponse>> responses = new ArrayList<>();
                for (int i = 0; i < threads * 2; i++) {
                    ImageRequest request = request("shape number " + i).build();
                    responses.add(pool.submit(() -> generator.generate(request)));
                }
                for (Future<ImageResponse> response : responses) {
                    assertEquals(1, response.get(2, TimeUnit.MINUTES).images().size(), "images per response");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
