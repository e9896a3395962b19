package dev.imagegen4j.spi;

/**
 * A provider's configured connection to its service, made by {@link ImageProvider#open}: what does the
 * vendor work of each call. Core's {@link dev.imagegen4j.ImageGenerator} wraps it and does everything
 * else (validation, model resolution, warnings, splitting requests, async, cancellation, hooks), so an
 * implementation only turns one valid call into images. Thread-safe: calls arrive concurrently.
 */
public interface ImageBackend extends AutoCloseable {

    /**
     * Makes the images of {@code call}: exactly {@link ProviderCall#count()} of them, each written into a
     * sink from {@link ProviderCall#newSink()}; when {@link ProviderCall#streaming()}, partial and
     * completed images also go to {@link ProviderCall#emit}. Runs on the thread that asked for it, which
     * may be interrupted to cancel the call: stop promptly, release what the call holds, and throw.
     *
     * @throws dev.imagegen4j.ImageGenerationException as the subtype that tells the caller what to do
     */
    ProviderResult generate(ProviderCall call);

    /** Releases connections and threads; no call runs afterwards. */
    @Override
    void close();
}
