package dev.imagegen4j;

import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The client that generates images with one provider. Final, thread-safe and {@link AutoCloseable}:
 * share one instance and close it when done.
 *
 * <pre>{@code
 * try (ImageGenerator generator = ImageGenerator.create(ImageProviders.only(), ProviderConfig.defaults())) {
 *     ImageResponse response = generator.generate(ImageRequest.builder("a lighthouse at dusk").build());
 *     response.image().writeTo(Path.of("lighthouse." + response.image().format().extension()));
 * }
 * }</pre>
 *
 * <p>For every provider alike, the generator checks each request against its model's {@link ModelSpec}
 * before anything is sent (every violation in one {@link InvalidRequestException}), resolves the
 * model and size, reports {@link Warning}s with the response, splits a request for more images than
 * the model makes per call into calls that run {@link Builder#maxConcurrentCalls concurrently} (in
 * order, seeds shifted so the images differ, usage summed), runs {@link ImageInterceptor}s around the
 * generation and each call, and stops a call when the calling thread is interrupted or its future is
 * cancelled. Every failure is an {@link ImageGenerationException} subtype.
 */
public final class ImageGenerator implements AutoCloseable {
    private static final int DEFAULT_THREADS = 8;
    private static final int DEFAULT_CONCURRENT_CALLS = 4;

    private final ImageProvider provider;
    private final ImageBackend backend;
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final int maxConcurrentCalls;
    private final ImageStorage storage;
    private final boolean lenient;
    private final List<ImageInterceptor> interceptors;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ImageGenerator(Builder builder) {
        provider = builder.provider;
        maxConcurrentCalls = builder.maxConcurrentCalls;
        storage = builder.storage;
        lenient = builder.lenient;
        interceptors = List.copyOf(builder.interceptors);
        if (builder.executor == null) {
            ownedExecutor = newExecutor(provider.id());
            executor = ownedExecutor;
        } else {
            ownedExecutor = null;
            executor = builder.executor;
        }
        try {
            backend = Objects.requireNonNull(provider.open(builder.config), () -> provider.id() + " opened no backend");
        } catch (RuntimeException e) {
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
            throw e;
        }
    }

    /**
     * A generator of {@code provider} configured by {@code config}, with the defaults of {@link #builder}.
     *
     * @throws AuthenticationException when the provider needs an API key and none is configured
     * @throws IllegalArgumentException naming the setting when a setting is invalid
     */
    public static ImageGenerator create(ImageProvider provider, ProviderConfig config) {
        return builder(provider).config(config).build();
    }

    /**
     * A builder for a generator of {@code provider}: settings from {@link ProviderConfig#defaults()},
     * images in memory, strict validation, no interceptors, up to 4 concurrent calls per split request,
     * and an own pool of up to 8 daemon threads for async calls, shut down by {@link #close()}.
     */
    public static Builder builder(ImageProvider provider) {
        return new Builder(provider);
    }

    /** The id of the provider this generator uses. */
    public String providerId() {
        return provider.id();
    }

    /** The models of the provider, and what each accepts. */
    public ModelCatalog models() {
        return provider.models();
    }

    /**
     * Checks {@code request} as {@link #generate} would, without sending anything: every error, the
     * warnings, and the request that would be sent.
     */
    public ValidationResult validate(ImageRequest request) {
        return validate(request, false);
    }

    private ValidationResult validate(ImageRequest request, boolean streaming) {
        Objects.requireNonNull(request, "request");
        return provider.models().validate(request, provider.id(), new ValidationOptions(lenient, streaming));
    }

    /**
     * Generates images and blocks until all are complete (which can take minutes).
     *
     * @throws InvalidRequestException when the request breaks the model's rules (nothing is sent)
     *         or the provider refuses it
     * @throws GenerationCancelledException when the calling thread is interrupted
     * @throws ImageGenerationException for every other failure, as the subtype that says what to do
     * @throws IllegalStateException after {@link #close()}
     */
    public ImageResponse generate(ImageRequest request) {
        return run(request, null);
    }

    /**
     * Generates images while handing each partial and final image to {@code listener} on the calling
     * thread as soon as it arrives, and returns the complete response. A split request's calls then run
     * one after another, so events arrive in image order. A listener that throws stops the generation,
     * and its exception propagates unchanged.
     *
     * @throws InvalidRequestException when the request breaks the model's rules, including a model
     *         that does not stream (in lenient mode its images are handed over as they complete instead)
     * @throws ImageGenerationException for every other failure
     */
    public ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener) {
        return run(request, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Generates images on the generator's executor. The future completes with the response, or
     * exceptionally with the {@link ImageGenerationException} that {@link #generate} would throw;
     * {@code cancel(true)} on it interrupts the generation, which stops promptly. Stages derived from the
     * future do not pass cancellation back to it.
     */
    public CompletableFuture<ImageResponse> generateAsync(ImageRequest request) {
        Objects.requireNonNull(request, "request");
        requireOpen();
        InterruptingFuture<ImageResponse> future = new InterruptingFuture<>();
        try {
            executor.execute(() -> future.run(() -> generate(request)));
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    private ImageResponse run(ImageRequest request, @Nullable Consumer<? super ImageEvent> listener) {
        requireOpen();
        ValidationResult validation = validate(request, listener != null);
        ImageRequest resolved = validation.requireValid(provider.id());
        ModelSpec spec = provider.models().specFor(resolved.model());
        Generation generation = new Generation(spec, resolved, validation.warnings(), listener);
        return new Link(generation, Stage.GENERATION, resolved, 0, generation.parts, 0, generation::runParts)
                .proceed();
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + provider.id() + " generator is closed");
        }
    }

    /** Closes the provider's backend and the generator's own threads; calls in flight are interrupted. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                backend.close();
            } finally {
                if (ownedExecutor != null) {
                    ownedExecutor.shutdownNow();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ImageGenerator[" + provider.id() + ", storage " + storage + (lenient ? ", lenient" : "") + "]";
    }

    private static ExecutorService newExecutor(String providerId) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_THREADS, DEFAULT_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "imagegen4j-" + providerId + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One generation: its validated request, how it is split, and the calls' results. */
    private final class Generation {
        final ModelSpec spec;
        final ImageRequest request;
        final List<Warning> warnings;
        final @Nullable Consumer<? super ImageEvent> listener;
        final int total;
        final int parts;
        final ConcurrentMap<Object, Object> attributes = new ConcurrentHashMap<>();

        Generation(ModelSpec spec, ImageRequest request, List<Warning> warnings,
                   @Nullable Consumer<? super ImageEvent> listener) {
            this.spec = spec;
            this.request = request;
            this.warnings = warnings;
            this.listener = listener;
            this.total = request.count() == null ? 1 : request.count();
            this.parts = (total + spec.maxImagesPerCall() - 1) / spec.maxImagesPerCall();
        }

        /** The request of call {@code part}: its share of the images and, when split, a seed of its own. */
        ImageRequest partRequest(int part) {
            if (parts == 1) {
                return request;
            }
            int first = part * spec.maxImagesPerCall();
            ImageRequest.Builder share = request.toBuilder().count(Math.min(spec.maxImagesPerCall(), total - first));
            Long seed = request.seed();
            SizeRule.LongRange seeds = spec.seeds();
            if (seed != null && seeds != null) {
                // Calls of one seed would repeat each other's images; shifting keeps the whole set reproducible.
                long span = seeds.max() - seeds.min() + 1;
                share.seed(seeds.min() + Math.floorMod(seed - seeds.min() + first, span));
            }
            return share.build();
        }

        ImageResponse runParts() {
            List<ImageResponse> responses = parts == 1 ? List.of(runPart(0))
                    : new FanOut(this, listener != null ? 1 : Math.min(maxConcurrentCalls, parts)).run();
            return combine(responses);
        }

        ImageResponse runPart(int part) {
            ImageRequest share = partRequest(part);
            return new Link(this, Stage.CALL, share, part, parts, 0, () -> call(part, share)).proceed();
        }

        private ImageResponse call(int part, ImageRequest share) {
            int offset = part * spec.maxImagesPerCall();
            boolean streams = listener != null && spec.supportsStreaming();
            if (Thread.currentThread().isInterrupted()) {
                throw new GenerationCancelledException("The generation was interrupted before call " + (part + 1)
                        + " of " + parts + " was sent", ErrorDetails.of(provider.id()), null);
            }
            BackendCall call = new BackendCall(provider.id(), share, spec, streams, streams ? listener : null, offset, storage);
            ProviderResult result;
            try {
                result = backend.generate(call);
                if (result.images().size() != call.count()) {
                    throw new ProviderResponseException("The provider returned " + result.images().size()
                            + " images for a call that asked for " + call.count(),
                            ErrorDetails.of(provider.id()).withRequestId(result.requestId()), null);
                }
            } catch (RuntimeException | Error e) {
                call.discard();
                throw e;
            }
            if (listener != null && !streams) {
                // A model that does not stream (lenient mode) still hands each image over as it completes.
                try {
                    for (int i = 0; i < result.images().size(); i++) {
                        listener.accept(new ImageEvent.Completed(offset + i, result.images().get(i)));
                    }
                } catch (RuntimeException | Error e) {
                    call.discard();
                    throw e;
                }
            }
            return new ImageResponse(provider.id(), spec.id(), result.images(), result.created(), result.size(),
                    result.quality(), result.background(), result.outputFormat(), result.usage(), result.requestId(),
                    result.warnings());
        }

        private ImageResponse combine(List<ImageResponse> responses) {
            ImageResponse first = responses.get(0);
            List<GeneratedImage> images = new ArrayList<>();
            List<Warning> allWarnings = new ArrayList<>(warnings);
            Usage usage = first.usage();
            Instant created = first.created();
            for (ImageResponse response : responses) {
                images.addAll(response.images());
                response.warnings().stream().filter(w -> !allWarnings.contains(w)).forEach(allWarnings::add);
                if (response != first) {
                    usage = usage == null || response.usage() == null ? null : usage.plus(response.usage());
                    if (created != null && response.created() != null && response.created().isBefore(created)) {
                        created = response.created();
                    }
                }
            }
            return new ImageResponse(provider.id(), spec.id(), images, created, first.size(), first.quality(),
                    first.background(), first.outputFormat(), usage, first.requestId(), allWarnings);
        }
    }

    /**
     * The calls of a split request, taken in order by the calling thread and by up to
     * {@code concurrency - 1} helpers on the executor. The caller takes part itself, so a busy or
     * saturated executor slows a generation down but never deadlocks it.
     */
    private final class FanOut {
        private final Generation generation;
        private final int concurrency;
        private final ImageResponse[] results;
        private final List<Thread> running = new ArrayList<>();
        private final Thread caller = Thread.currentThread();
        private int next;
        private @Nullable Throwable failure;
        private boolean interruptedCaller;

        FanOut(Generation generation, int concurrency) {
            this.generation = generation;
            this.concurrency = concurrency;
            this.results = new ImageResponse[generation.parts];
        }

        List<ImageResponse> run() {
            for (int i = 1; i < concurrency; i++) {
                try {
                    executor.execute(this::work);
                } catch (RejectedExecutionException e) {
                    break;
                }
            }
            work();
            awaitRunning();
            synchronized (this) {
                if (interruptedCaller) {
                    // The interrupt was ours, to stop the caller's own call; it is not the caller's to see.
                    Thread.interrupted();
                }
                if (failure != null) {
                    throw withCompleted(failure);
                }
                return List.of(results);
            }
        }

        private void work() {
            for (int part = take(); part >= 0; part = take()) {
                try {
                    ImageResponse response = generation.runPart(part);
                    finished(part, response, null);
                } catch (Throwable t) {
                    finished(part, null, t);
                }
            }
            if (Thread.currentThread() != caller) {
                // A helper interrupted to stop its call goes back to the executor, which must not see that.
                Thread.interrupted();
            }
        }

        private synchronized int take() {
            if (failure != null || next >= results.length) {
                return -1;
            }
            running.add(Thread.currentThread());
            return next++;
        }

        private synchronized void finished(int part, @Nullable ImageResponse response, @Nullable Throwable t) {
            running.remove(Thread.currentThread());
            if (t == null) {
                results[part] = response;
            } else if (failure == null) {
                failure = t;
                for (Thread thread : running) {
                    interruptedCaller |= thread == caller;
                    thread.interrupt();
                }
            } else if (failure != t) {
                failure.addSuppressed(t);
            }
            notifyAll();
        }

        private void awaitRunning() {
            boolean interrupted = false;
            synchronized (this) {
                while (!running.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        if (failure == null) {
                            failure = new GenerationCancelledException("The generation was interrupted",
                                    ErrorDetails.of(provider.id()), e);
                            running.forEach(Thread::interrupt);
                        }
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private RuntimeException withCompleted(Throwable failure) {
            if (failure instanceof ImageGenerationException exception) {
                // Every call that finished, not only those before the failed one: with concurrent calls a
                // later one may be done already, and its images (and files) are the caller's too.
                List<GeneratedImage> done = new ArrayList<>();
                for (ImageResponse response : results) {
                    if (response != null) {
                        done.addAll(response.images());
                    }
                }
                exception.completedImages(done);
                return exception;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return (RuntimeException) failure;
        }
    }

    /** One link of the interceptor chain at one stage; the last link does the work. */
    private final class Link implements ImageInterceptor.Chain {
        private final Generation generation;
        private final Stage stage;
        private final ImageRequest request;
        private final int part;
        private final int parts;
        private final int index;
        private final Supplier<ImageResponse> work;

        Link(Generation generation, Stage stage, ImageRequest request, int part, int parts, int index,
             Supplier<ImageResponse> work) {
            this.generation = generation;
            this.stage = stage;
            this.request = request;
            this.part = part;
            this.parts = parts;
            this.index = index;
            this.work = work;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public String providerId() {
            return provider.id();
        }

        @Override
        public ModelSpec model() {
            return generation.spec;
        }

        @Override
        public ImageRequest request() {
            return request;
        }

        @Override
        public int part() {
            return part;
        }

        @Override
        public int parts() {
            return parts;
        }

        @Override
        public boolean streaming() {
            return generation.listener != null;
        }

        @Override
        public ConcurrentMap<Object, Object> attributes() {
            return generation.attributes;
        }

        @Override
        public ImageResponse proceed() {
            if (index == interceptors.size()) {
                return work.get();
            }
            Link next = new Link(generation, stage, request, part, parts, index + 1, work);
            return Objects.requireNonNull(interceptors.get(index).intercept(next),
                    () -> "interceptor " + interceptors.get(index) + " returned no response");
        }
    }

    /** Builds {@link ImageGenerator}s; see {@link ImageGenerator#builder} for the defaults. */
    public static final class Builder {
        private final ImageProvider provider;
        private ProviderConfig config = ProviderConfig.defaults();
        private @Nullable Executor executor;
        private int maxConcurrentCalls = DEFAULT_CONCURRENT_CALLS;
        private ImageStorage storage = ImageStorage.memory();
        private boolean lenient;
        private final List<ImageInterceptor> interceptors = new ArrayList<>();

        private Builder(ImageProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        public Builder config(ProviderConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Runs async generations and the extra calls of split requests on {@code executor}, which the
         * caller owns and shuts down; blocking calls hold its threads for as long as a generation takes.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The most calls of one split request that run at once; at least 1. */
        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls must be at least 1 but was " + maxConcurrentCalls);
            }
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        /** Where received images are kept. */
        public Builder storage(ImageStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * Whether settings a model does not take are dropped (and sizes it does not accept mapped to the
         * nearest it does), each with a {@link Warning}, instead of refusing the request.
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        /** Adds an interceptor after those already added. */
        public Builder interceptor(ImageInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Opens the provider's backend and returns the generator.
         *
         * @throws AuthenticationException when the provider needs an API key and none is configured
         * @throws IllegalArgumentException naming the setting when a setting is invalid
         */
        public ImageGenerator build() {
            return new ImageGenerator(this);
        }
    }
}
