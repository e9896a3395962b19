package dev.imagegen4j.mock;

import static dev.imagegen4j.mock.TestImages.decode;
import static dev.imagegen4j.mock.TestImages.emptyConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.Quality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the mock's images go, and how a slow mock generation is stopped. */
class MockStorageAndCancellationTest {
    private static final ImageRequest REQUEST = ImageRequest.builder("a red fox").model("gpt-image-2")
            .size(ImageSize.of(1024, 640)).quality(Quality.LOW).build();
    /** Far longer than any test waits: a generation that ends did so because it was stopped. */
    private static final Duration FOREVER = Duration.ofMinutes(10);

    @TempDir
    Path directory;

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    // ---- storage ----

    @Test
    void writesEachImageToAFileInTheStorageDirectory() throws Exception {
        ImageResponse response;
        try (ImageGenerator generator = ImageGenerator.builder(new MockImageProvider()).config(emptyConfig())
                .storage(ImageStorage.directory(directory)).build()) {
            response = generator.generate(REQUEST.toBuilder().count(2).build());
        }
        byte[] inMemory;
        try (ImageGenerator generator = TestImages.newGenerator()) {
            inMemory = generator.generate(REQUEST.toBuilder().count(2).build()).images().get(1).bytes();
        }

        assertThat(response.images()).extracting(GeneratedImage::file).doesNotContainNull()
                .allSatisfy(file -> assertThat(file.getParent()).isEqualTo(directory));
        assertThat(files(directory)).containsExactlyInAnyOrderElementsOf(
                response.images().stream().map(GeneratedImage::file).toList());
        GeneratedImage second = response.images().get(1);
        assertThat(Files.readAllBytes(second.file())).isEqualTo(inMemory);
        assertThat(decode(Files.readAllBytes(second.file())).getWidth()).isEqualTo(1024);
    }

    @Test
    void leavesNoFileBehindWhenAStreamingGenerationFails() throws Exception {
        IllegalStateException failure = new IllegalStateException("listener gave up");
        Throwable thrown;
        try (ImageGenerator generator = ImageGenerator.builder(new MockImageProvider()).config(emptyConfig())
                .storage(ImageStorage.directory(directory)).build()) {
            thrown = catchThrowable(() -> generator.stream(REQUEST.toBuilder().count(2).build(), event -> {
                if (event instanceof ImageEvent.Completed completed && completed.imageIndex() == 1) {
                    throw failure;
                }
            }));
        }

        assertThat(thrown).isSameAs(failure);
        assertThat(files(directory)).isEmpty();
    }

    // ---- cancellation ----

    /**
     * A generator whose backend sleeps {@link #FOREVER}; as its call starts it counts down {@code called},
     * and it completes {@code failure} with what the call throws.
     */
    private static ImageGenerator slowGenerator(CountDownLatch called, CompletableFuture<Throwable> failure) {
        ImageInterceptor watch = chain -> {
            if (chain.stage() == ImageInterceptor.Stage.GENERATION) {
                return chain.proceed();
            }
            called.countDown();
            try {
                return chain.proceed();
            } catch (RuntimeException e) {
                failure.complete(e);
                throw e;
            }
        };
        return ImageGenerator.builder(new MockImageProvider(new MockBehavior().delay(FOREVER))).config(emptyConfig())
                .interceptor(watch).build();
    }

    @Test
    void endsADelayedGenerationWithGenerationCancelledExceptionWhenTheThreadIsInterrupted() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        try (ImageGenerator generator = slowGenerator(called, failure)) {
            Thread caller = new Thread(() -> thrown.complete(catchThrowable(() -> generator.generate(REQUEST))));
            caller.start();
            assertThat(called.await(30, TimeUnit.SECONDS)).as("the call started").isTrue();

            caller.interrupt();

            // Generous bounds: a generation that ends at all was stopped, as its latency is ten minutes.
            assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(GenerationCancelledException.class)
                    .isSameAs(failure.getNow(null));
            assertThat(((GenerationCancelledException) thrown.get()).providerId()).contains("mock");
            assertThat(((GenerationCancelledException) thrown.get()).isRetryable()).isFalse();
        }
    }

    @Test
    void endsADelayedAsyncGenerationWithGenerationCancelledExceptionWhenTheFutureIsCancelled() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (ImageGenerator generator = slowGenerator(called, failure)) {
            CompletableFuture<ImageResponse> future = generator.generateAsync(REQUEST);
            assertThat(called.await(30, TimeUnit.SECONDS)).as("the call started").isTrue();

            future.cancel(true);

            assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(GenerationCancelledException.class);
            assertThat(future).isCancelled();
        }
    }
}
