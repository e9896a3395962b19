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
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.JobPolling;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.Violation;
import dev.imagegen4j.spi.ImageProvider;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The conformance kit for imagegen4j providers. A provider's test extends it and supplies the
 * provider, a working config and a count of the provider's I/O; the kit's {@link Nested} groups then
 * check, through core's {@link ImageGenerator}, that the provider behaves as imagegen4j's own providers
 * do. Results are checked from the image bytes, never from what the provider says about them.
 *
 * <pre>{@code
 * class MyProviderConformanceTest extends ImageProviderConformanceKit {
 *     @Override protected ImageProvider provider() { return new MyProvider(); }
 *     @Override protected ProviderConfig config() { return ProviderConfig.of(stubUrl, "test-key"); }
 *     @Override protected long ioCount() { return stub.requestCount(); }
 *     @Override protected @Nullable String secret() { return "test-key"; }
 * }
 * }</pre>
 *
 * <p>HTTP providers run it against a stub that answers like the real service: the same image for the
 * same request, and a different one when the seed or a reference image differs, so the kit can tell a
 * provider that sends them from one that drops them. Optional features are checked where a model
 * declares them (seeds, aspect ratios, reference images, streaming) and skipped with assumptions
 * where it does not, never with hand-kept flags. {@link #model()} chooses the model; run the kit once
 * per family of models that take different settings.
 */
public abstract class ImageProviderConformanceKit {
    private static final JobPolling QUICK_POLLING = new JobPolling(Duration.ofMillis(10), 1.5, Duration.ofMillis(200));


    /** A new instance of the provider under test. */
    protected abstract ImageProvider provider();

    /**
     * A config with which {@link ImageProvider#open} gives a working backend. Called lazily, after the
     * subclass's {@code @BeforeEach} methods, so it may depend on a stub started there.
     */
    protected abstract ProviderConfig config();

    /**
     * How many requests (or other I/O) the provider has made so far, such as a stub's request count. A
     * provider without network I/O counts the calls its backend has served. The kit proves with it that
     * construction and invalid requests send nothing, and that valid ones do.
     */
    protected abstract long ioCount();

    /** The secret in {@link #config()}, such as the API key, that must never be shown; {@code null} if none. */
    protected @Nullable String secret() {
        return null;
    }

    /**
     * Arranges for the next request to fail, for instance by telling the stub to answer 401. Returns
     * {@code false} when the provider cannot be made to fail, which skips the checks that need a failure.
     */
    protected boolean failNextRequest() {
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
        return withRequiredImages(ImageRequest.builder(prompt).model(model()), spec());
    }

    /** Adds the fewest reference images {@code spec} takes, so that every check runs on models that need some. */
    private static ImageRequest.Builder withRequiredImages(ImageRequest.Builder request, ModelSpec spec) {
        ImageFormat format = spec.inputFormats().stream().filter(f -> f != ImageFormat.WEBP).findFirst()
                .orElse(ImageFormat.PNG);
        for (int i = 0; i < spec.inputImages().min(); i++) {
            request.image(solid(format, 0x808080));
        }
        return request;
    }

    private ImageGenerator create() {
        return builder().build();
    }

    /** A generator builder for the provider under test; jobs are polled often, so the kit runs fast. */
    private ImageGenerator.Builder builder() {
        return ImageGenerator.builder(provider()).config(config()).polling(QUICK_POLLING);
    }

    private ImageResponse generate(ImageRequest request) {
        try (ImageGenerator generator = create()) {
            return generator.generate(request);
        }
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

    /** Building providers and backends. */
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
                fresh.settings();
            });
        }

        @Test
        @DisplayName("open() does no I/O")
        public void openDoesNoIo() throws Throwable {
            assertNoIoDuring("opening and closing a generator", () -> create().close());
        }

        @Test
        @DisplayName("a generation does I/O")
        public void generationIsCounted() {
            long before = ioCount();

            generate(request("a red dot").build());

            assertTrue(ioCount() > before, "ioCount() must count the work of a generation, or the kit's"
                    + " no-I/O checks prove nothing");
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
            String providerId = provider().id();
            for (ModelSpec spec : provider().models().models()) {
                String id = spec.id();
                assertTrue(spec.isKnown(), id + " is listed, so it must be known");
                assertEquals(spec, provider().models().specFor(id), "specFor(" + id + ") must give the listed spec");
                assertTrue(spec.count().min() >= 1, id + ": count must start at 1 or more");
                assertTrue(spec.maxImagesPerCall() >= 1, id + ": at least one image per call");
                if (spec.backgrounds().contains(Background.TRANSPARENT)) {
                    assertTrue(spec.transparencyFormats().stream().anyMatch(spec.formats()::contains),
                            id + ": a transparent background needs an output format that can carry it");
                }
                for (ImageSize preset : spec.sizes().presets()) {
                    ImageRequest request = withRequiredImages(ImageRequest.builder("x").model(id).size(preset), spec)
                            .build();
                    assertTrue(spec.validate(request, providerId).isValid(), id + ": preset " + preset + " must validate");
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

            assertRefusedBeforeIo(request, "count");
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
            assumeTrue(spec().sizes().resolve(size, model(), false).size() == null, "the model accepts any size");

            assertRefusedBeforeIo(request("a red circle").size(size).build(), "size");
        }

        @Test
        @DisplayName("a seed on a model without seeds fails with InvalidRequestException before any I/O")
        public void unsupportedSeedFailsBeforeIo() throws Throwable {
            assumeTrue(spec().seeds() == null, model() + " takes a seed");

            assertRefusedBeforeIo(request("a red circle").seed(7L).build(), "seed");
        }

        @Test
        @DisplayName("stream() validates too")
        public void streamValidatesBeforeIo() throws Throwable {
            ImageRequest request = request("a red circle").count(spec().count().max() + 1).build();

            try (ImageGenerator generator = create()) {
                assertNoIoDuring("an invalid stream()", () -> {
                    InvalidRequestException thrown = assertThrows(InvalidRequestException.class,
                            () -> generator.stream(request, event -> fail("no event may arrive: " + event)));
                    assertTrue(thrown.violations().stream().anyMatch(v -> v.field().equals("count")));
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
        @DisplayName("the requested number of images is returned, also across several calls")
        public void countIsHonoured() {
            // One more than a call makes, where the model allows it, so the split is exercised too.
            int count = Math.min(spec().count().max(), Math.max(2, spec().maxImagesPerCall() + 1));

            ImageResponse response = generate(request("two blue squares").count(count).build());

            assertEquals(count, response.images().size(), "images for count=" + count);
        }

        @Test
        @DisplayName("the requested size is the size in the image header")
        public void sizeIsHonoured() {
            Optional<ImageSize.Exact> size = exactSizeToRequest();
            assumeTrue(size.isPresent(), model() + " takes no exact size");

            ImageResponse response = generate(request("a green triangle").size(size.get()).build());

            for (GeneratedImage image : response.images()) {
                assertEquals(size.get(), image.size(), "size read from the image bytes");
            }
        }

        @Test
        @DisplayName("a requested aspect ratio is the shape of the image")
        public void aspectRatioIsHonoured() {
            Optional<ImageSize.AspectRatio> ratio = spec().sizes().presets().stream()
                    .filter(ImageSize.AspectRatio.class::isInstance).map(ImageSize.AspectRatio.class::cast)
                    .filter(r -> r.width() != r.height()).findFirst();
            assumeTrue(ratio.isPresent(), model() + " takes no aspect ratio");

            GeneratedImage image = generate(request("a wide field").size(ratio.get()).build()).image();

            double shape = (double) image.width() / image.height();
            // Vendors round ratios to their own pixel grids (16:9 is 1344x768 at Stability), never to another shape.
            assertEquals(ratio.get().value(), shape, ratio.get().value() * 0.05, "width / height of " + image
                    + " for " + ratio.get());
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
        @DisplayName("the same seed gives the same image and another seed another image")
        public void seedIsHonoured() {
            assumeTrue(spec().seeds() != null, model() + " takes no seed");
            long seed = Math.max(spec().seeds().min(), Math.min(spec().seeds().max(), 42));
            long other = seed == spec().seeds().max() ? seed - 1 : seed + 1;

            byte[] first = generate(request("a seeded pattern").seed(seed).build()).image().bytes();
            byte[] again = generate(request("a seeded pattern").seed(seed).build()).image().bytes();
            byte[] different = generate(request("a seeded pattern").seed(other).build()).image().bytes();

            assertTrue(Arrays.equals(first, again), "seed " + seed + " twice must give the same image");
            assertFalse(Arrays.equals(first, different), "seeds " + seed + " and " + other
                    + " gave the same image: is the seed sent?");
        }

        @Test
        @DisplayName("a reference image changes the result")
        public void referenceImageIsUsed() {
            assumeTrue(spec().inputImages().max() > 0, model() + " takes no reference image");
            Optional<ImageFormat> format = spec().inputFormats().stream().filter(f -> f != ImageFormat.WEBP).findFirst();
            assumeTrue(format.isPresent(), model() + " takes only WebP reference images, which the kit cannot draw");

            byte[] withRed = generate(request("make it brighter").images(List.of(solid(format.get(), 0xFF0000))).build())
                    .image().bytes();
            byte[] withBlue = generate(request("make it brighter").images(List.of(solid(format.get(), 0x0000FF))).build())
                    .image().bytes();

            assertFalse(Arrays.equals(withRed, withBlue), "two different reference images gave the same result:"
                    + " is the image sent?");
        }

        @Test
        @DisplayName("a negative prompt changes the result")
        public void negativePromptIsUsed() {
            assumeTrue(spec().maxNegativePromptLength() > 0, model() + " takes no negative prompt");
            ImageRequest.Builder base = request("a quiet harbour");
            if (spec().seeds() != null) {
                // The same seed for both, so only the negative prompt differs.
                base.seed(Math.max(spec().seeds().min(), Math.min(spec().seeds().max(), 7)));
            }

            byte[] noBoats = generate(base.negativePrompt("boats").build()).image().bytes();
            byte[] noBirds = generate(base.negativePrompt("birds").build()).image().bytes();

            assertFalse(Arrays.equals(noBoats, noBirds), "two different negative prompts gave the same result:"
                    + " is the negative prompt sent?");
        }

        @Test
        @DisplayName("images go to the caller's storage")
        public void storageIsHonoured() throws IOException {
            Path directory = Files.createTempDirectory("imagegen4j-tck-");
            try {
                ImageResponse response;
                try (ImageGenerator generator = builder().storage(ImageStorage.directory(directory)).build()) {
                    response = generator.generate(request("a stored square").build());
                }

                for (GeneratedImage image : response.images()) {
                    assertNotNull(image.file(), "with directory storage every image must be a file: " + image);
                    assertEquals(directory, image.file().getParent(), "the file's directory");
                    assertEquals(image.byteCount(), Files.size(image.file()), "the file holds the whole image");
                }
            } finally {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(directory);
            }
        }

        @Test
        @DisplayName("usage, where reported, counts tokens")
        public void usageIsPlausible() {
            ImageResponse response = generate(request("a purple moon").build());

            assertEquals(provider().id(), response.providerId(), "providerId of the response");
            if (response.usage() != null) {
                assertTrue(response.usage().totalTokens() > 0, "total tokens must be positive: " + response.usage());
            }
        }

        private Optional<ImageSize.Exact> exactSizeToRequest() {
            SizeRule rule = spec().sizes();
            if (rule instanceof SizeRule.Any) {
                return Optional.of(ImageSize.of(64, 48));
            }
            Predicate<ImageSize.Exact> accepted = size -> rule.resolve(size, model(), false).size() != null;
            Stream<ImageSize.Exact> presets = rule.presets().stream()
                    .filter(ImageSize.Exact.class::isInstance).map(ImageSize.Exact.class::cast);
            List<ImageSize.Exact> exact = presets.filter(accepted).toList();
            // A non-square preset catches a provider that swaps width and height.
            return exact.stream().filter(size -> size.width() != size.height()).findFirst()
                    .or(() -> exact.stream().findFirst());
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

            assertThrows(IllegalStateException.class, () -> generator.generate(request("a grey cloud").build()),
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
        @DisplayName("the secret is not in the messages of failed requests")
        public void failureMessagesHideTheSecret() {
            String secret = secret();
            assumeTrue(secret != null, "the config has no secret");
            try (ImageGenerator generator = create()) {
                assumeTrue(failNextRequest(), "the provider cannot be made to fail");
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

    /** A small image of one colour, drawn with the JDK, for checks that send a reference image. */
    private static InputImage solid(ImageFormat format, int rgb) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format == ImageFormat.JPEG ? "jpeg" : "png", bytes)) {
                throw new IllegalStateException("the JDK cannot write " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return InputImage.of(bytes.toByteArray());
    }
}
