package dev.imagegen4j;

import dev.imagegen4j.internal.AsyncExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A configured client of one provider that generates images. Thread-safe: share one instance and
 * {@link #close()} it when done. Obtain one with {@code ImageProviders.get(id).create(config)}.
 *
 * <pre>{@code
 * try (ImageGenerator generator = ImageProviders.get("mock").create(ProviderConfig.defaults())) {
 *     ImageResponse response = generator.generate(ImageRequest.builder("a lighthouse at dusk").build());
 *     response.image().writeTo(Path.of("lighthouse." + response.image().format().extension()));
 * }
 * }</pre>
 *
 * <p>Every method checks the request against the model's {@link ModelSpec} before anything is sent,
 * and fails only with {@link ImageGenerationException} subtypes.
 */
public interface ImageGenerator extends AutoCloseable {

    /**
     * Generates images and blocks until all are complete (which can take minutes).
     *
     * @throws InvalidRequestException when the request breaks the model's rules (nothing is sent)
     *         or the provider refuses it
     * @throws ImageGenerationException for every other failure, as the subtype that says what to do
     */
    ImageResponse generate(ImageRequest request);

    /**
     * Generates images without blocking the caller. The future completes with the response, or
     * exceptionally with the {@link ImageGenerationException} that {@link #generate} would throw.
     * The default runs {@link #generate} on a shared pool of daemon threads sized for blocking I/O;
     * cancelling the future interrupts that thread, which aborts the exchange of providers that honour
     * interrupts (the HTTP providers do, within a second).
     */
    default CompletableFuture<ImageResponse> generateAsync(ImageRequest request) {
        return AsyncExecutor.supplyInterruptibly(() -> generate(request));
    }

    /**
     * Generates images with {@code stream} set, handing each partial and final image to
     * {@code listener} on the calling thread as soon as it arrives, and returns the complete response.
     * A listener that throws stops the generation, and its exception propagates unchanged.
     *
     * @throws InvalidRequestException when the request breaks the model's rules, including a model
     *         that does not support streaming (nothing is sent)
     * @throws ImageGenerationException for every other failure
     */
    ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener);

    /** Releases connections and threads; the generator cannot be used afterwards. */
    @Override
    void close();
}
