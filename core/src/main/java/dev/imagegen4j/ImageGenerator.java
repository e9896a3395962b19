package dev.imagegen4j;

import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.JobBackend;
import dev.imagegen4j.spi.JobPoll;
import dev.imagegen4j.spi.ProviderResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.function.Function;
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
 * cancelled. On models that {@link ModelSpec#jobs() run as jobs} it also {@link #submit submits} without
 * waiting and {@link #job re-attaches} to jobs by id, in this process or another. Every failure is an
 * {@link ImageGenerationException} subtype.
 *
 * <p>Every response carries its {@link Cost}, priced with the provider's {@link PriceCatalog} (and
 * {@link Builder#prices your overrides}); {@link #estimate} prices a request before sending it, and a
 * {@link Builder#maxCostPerRequest per-request maximum} and a {@link Builder#budget budget} refuse a
 * request whose estimate does not fit, with {@link BudgetExceededException} and nothing sent.
 */
public final class ImageGenerator implements AutoCloseable {
    private static final int DEFAULT_THREADS = 8;
    private static final int DEFAULT_CONCURRENT_CALLS = 4;
    private static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(15);

    private final ImageProvider provider;
    private final ImageBackend backend;
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final int maxConcurrentCalls;
    private final ImageStorage storage;
    private final boolean lenient;
    private final List<ImageInterceptor> interceptors;
    private final Jobs jobs;
    private final CostEstimator costs;
    private final @Nullable BigDecimal maxCostPerRequest;
    private final @Nullable CostBudget budget;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ImageGenerator(Builder builder) {
        provider = builder.provider;
        costs = CostEstimator.of(provider, builder.prices);
        maxCostPerRequest = builder.maxCostPerRequest;
        budget = builder.budget;
        maxConcurrentCalls = builder.maxConcurrentCalls;
        storage = builder.storage;
        lenient = builder.lenient;
        interceptors = List.copyOf(builder.interceptors);
        jobs = new Jobs(builder.polling, builder.jobTimeout, builder.ticker);
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
     * What {@code request} is expected to cost, checked as {@link #generate} would check it (as
     * {@link #stream} would when it asks for partial images); nothing is sent. The amount is unknown, with
     * notes saying why, when the price catalog has no figure for it.
     *
     * @throws InvalidRequestException listing every violation when the request breaks the model's rules
     */
    public CostEstimate estimate(ImageRequest request) {
        Objects.requireNonNull(request, "request");
        boolean streaming = request.partialImages() != null && request.partialImages() > 0;
        return costs.estimate(request, new ValidationOptions(lenient, streaming));
    }

    /**
     * Generates images and blocks until all are complete (which can take minutes).
     *
     * @throws InvalidRequestException when the request breaks the model's rules (nothing is sent)
     *         or the provider refuses it
     * @throws BudgetExceededException when its estimated cost exceeds the per-request maximum or what
     *         remains of the budget (nothing is sent)
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

    /**
     * Validates {@code request} and submits it to a model that {@link ModelSpec#jobs() runs as jobs},
     * returning as soon as the vendor has accepted it, before any image exists. A request split into
     * several calls submits one task per call, in order. Interceptors do not run: they see
     * generations, and a submission is only the start of one.
     *
     * @throws InvalidRequestException when the request breaks the model's rules, or the model does
     *         not run as jobs (use {@link #generate}); nothing is sent
     * @throws ImageGenerationException when the vendor refuses the submission; when a split request
     *         fails after some tasks were accepted, its {@link ImageGenerationException#jobId()} holds them
     */
    public ImageJob submit(ImageRequest request) {
        requireOpen();
        ValidationResult validation = validate(request, false);
        ImageRequest resolved = validation.requireValid(provider.id());
        ModelSpec spec = provider.models().specFor(resolved.model());
        if (!spec.jobs()) {
            throw new InvalidRequestException(ErrorDetails.of(provider.id()), "Invalid request for model " + spec.id(),
                    List.of(Violation.of("model", "model.no_jobs", spec.id(), "model " + spec.id() + " of "
                            + provider.id() + " does not run as jobs; use generate() instead")));
        }
        refuseOverLimits(spec, resolved);
        Generation generation = new Generation(spec, resolved, validation.warnings(), null);
        List<JobId.Task> tasks = new ArrayList<>();
        for (int part = 0; part < generation.parts; part++) {
            ImageRequest share = generation.partRequest(part);
            CostBudget.Reservation reservation = reserve(spec, share);
            BackendCall call = generation.backendCall(part, share);
            try {
                tasks.add(new JobId.Task(call.count(), jobs.backend().submit(call)));
            } catch (RuntimeException | Error e) {
                settleFailed(reservation, e);
                if (e instanceof ImageGenerationException failure && !tasks.isEmpty()) {
                    failure.jobId(new JobId(provider.id(), spec.id(), tasks).toString());
                }
                throw e;
            }
            if (reservation != null) {
                // A submitted task is paid for whatever becomes of this process: the estimate stays spent.
                reservation.keep();
            }
        }
        return new ImageJob(jobs, new JobId(provider.id(), spec.id(), tasks), resolved, validation.warnings());
    }

    /**
     * A handle on a job submitted earlier, in this process or another, from its {@link ImageJob#id()};
     * nothing is sent until the handle is used.
     *
     * @throws IllegalArgumentException when {@code id} is not a job id, belongs to another provider, or
     *         names a model that does not run as jobs
     */
    public ImageJob job(String id) {
        requireOpen();
        JobId parsed = JobId.parse(id);
        if (!parsed.providerId().equals(provider.id())) {
            throw new IllegalArgumentException("job " + parsed + " belongs to provider " + parsed.providerId()
                    + ", not to this " + provider.id() + " generator");
        }
        if (!provider.models().specFor(parsed.model()).jobs()) {
            throw new IllegalArgumentException("job " + parsed + " names model " + parsed.model() + ", which does not"
                    + " run as jobs at " + provider.id());
        }
        jobs.backend();
        return new ImageJob(jobs, parsed, null, List.of());
    }

    private ImageResponse run(ImageRequest request, @Nullable Consumer<? super ImageEvent> listener) {
        requireOpen();
        ValidationResult validation = validate(request, listener != null);
        ImageRequest resolved = validation.requireValid(provider.id());
        ModelSpec spec = provider.models().specFor(resolved.model());
        refuseOverLimits(spec, resolved);
        Generation generation = new Generation(spec, resolved, validation.warnings(), listener);
        return new Link(generation, Stage.GENERATION, resolved, 0, generation.parts, 0, generation::runParts)
                .proceed();
    }

    /**
     * Refuses a request whose whole estimate exceeds the per-request maximum or what remains of the budget,
     * so that a split request is not cut off after some of its calls were paid for. The budget itself is
     * kept by each call's reservation ({@link #reserve}).
     */
    private void refuseOverLimits(ModelSpec spec, ImageRequest request) {
        if (maxCostPerRequest == null && budget == null) {
            return;
        }
        CostEstimate estimate = costs.estimateValid(spec, request);
        if (maxCostPerRequest != null && (estimate.usd() == null || estimate.usd().compareTo(maxCostPerRequest) > 0)) {
            throw new BudgetExceededException((estimate.usd() == null
                    ? "The cost of " + spec.id() + " cannot be estimated (" + String.join("; ", estimate.notes())
                            + "), so the per-request limit of " + Cost.dollars(maxCostPerRequest) + " cannot be kept"
                    : "The estimated cost " + estimate.describe() + " of " + spec.id()
                            + " exceeds the per-request limit of " + Cost.dollars(maxCostPerRequest))
                    + "; nothing was sent", ErrorDetails.of(provider.id()), estimate, maxCostPerRequest);
        }
        if (budget != null) {
            budget.check(estimate);
        }
    }

    /**
     * Reserves the estimate of one provider call in the budget, refusing the call when it does not fit:
     * the one check every path that sends goes through, so concurrent calls cannot overshoot the budget.
     * {@code null} without a budget.
     */
    private CostBudget.@Nullable Reservation reserve(ModelSpec spec, ImageRequest call) {
        return budget == null ? null : budget.reserve(costs.estimateValid(spec, call));
    }

    /** Settles a failed call's reservation: released only when the provider refused it before generating. */
    private static void settleFailed(CostBudget.@Nullable Reservation reservation, Throwable failure) {
        if (reservation == null) {
            return;
        }
        if (failure instanceof InvalidRequestException || failure instanceof AuthenticationException
                || failure instanceof PermissionDeniedException || failure instanceof RateLimitException) {
            reservation.release();
        } else {
            reservation.keep();
        }
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

        BackendCall backendCall(int part, ImageRequest share) {
            boolean streams = streams();
            return new BackendCall(provider.id(), share, spec, streams, streams ? listener : null,
                    part * spec.maxImagesPerCall(), storage);
        }

        /** Whether the backend hands events over itself; otherwise core does once an image is complete. */
        private boolean streams() {
            return listener != null && spec.supportsStreaming() && !spec.jobs();
        }

        private ImageResponse call(int part, ImageRequest share) {
            int offset = part * spec.maxImagesPerCall();
            boolean streams = streams();
            if (Thread.currentThread().isInterrupted()) {
                throw new GenerationCancelledException("The generation was interrupted before call " + (part + 1)
                        + " of " + parts + " was sent", ErrorDetails.of(provider.id()), null);
            }
            CostBudget.Reservation reservation = reserve(spec, share);
            BackendCall call = backendCall(part, share);
            ProviderResult result;
            try {
                result = spec.jobs() ? jobs.submitAndAwait(call, spec, listener) : backend.generate(call);
                if (result.images().size() != call.count()) {
                    throw new ProviderResponseException("The provider returned " + result.images().size()
                            + " images for a call that asked for " + call.count(),
                            ErrorDetails.of(provider.id()).withRequestId(result.requestId()), null);
                }
            } catch (RuntimeException | Error e) {
                call.discard();
                settleFailed(reservation, e);
                throw e;
            }
            Cost cost = costs.cost(spec, share, result.images().size(), result.usage());
            if (reservation != null) {
                reservation.settle(cost);
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
            return response(spec.id(), result, cost);
        }

        private ImageResponse combine(List<ImageResponse> responses) {
            return ImageGenerator.this.combine(spec.id(), responses, warnings);
        }
    }

    private ImageResponse response(String model, ProviderResult result, Cost cost) {
        return new ImageResponse(provider.id(), model, result.images(), result.created(), result.size(),
                result.quality(), result.background(), result.outputFormat(), result.usage(), result.requestId(),
                result.warnings(), cost);
    }

    /** One response of the responses of a split request or job, in order, with usage and cost summed. */
    private ImageResponse combine(String model, List<ImageResponse> responses, List<Warning> warnings) {
        ImageResponse first = responses.get(0);
        List<GeneratedImage> images = new ArrayList<>();
        List<Warning> allWarnings = new ArrayList<>(warnings);
        Usage usage = first.usage();
        Cost cost = first.cost();
        Instant created = first.created();
        for (ImageResponse response : responses) {
            images.addAll(response.images());
            response.warnings().stream().filter(w -> !allWarnings.contains(w)).forEach(allWarnings::add);
            if (response != first) {
                usage = usage == null || response.usage() == null ? null : usage.plus(response.usage());
                cost = cost.plus(response.cost());
                if (created != null && response.created() != null && response.created().isBefore(created)) {
                    created = response.created();
                }
            }
        }
        return new ImageResponse(provider.id(), model, images, created, first.size(), first.quality(),
                first.background(), first.outputFormat(), usage, first.requestId(), allWarnings, cost);
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

    /** The generator's side of jobs: the polling schedule, deadlines and fetching, through the backend. */
    final class Jobs {
        private final JobPolling polling;
        private final Duration timeout;
        private final Ticker ticker;

        Jobs(JobPolling polling, Duration timeout, Ticker ticker) {
            this.polling = polling;
            this.timeout = timeout;
            this.ticker = ticker;
        }

        JobBackend backend() {
            if (backend instanceof JobBackend jobBackend) {
                return jobBackend;
            }
            throw new IllegalStateException("provider " + provider.id() + " declares models that run as jobs, but its"
                    + " backend " + backend.getClass().getName() + " does not implement JobBackend");
        }

        Duration timeout() {
            return timeout;
        }

        String providerId() {
            return provider.id();
        }

        /** One poll of {@code task}, its failure naming the job. */
        JobPoll poll(JobId id, JobId.Task task) {
            requireOpen();
            try {
                return backend().poll(task.handle());
            } catch (ImageGenerationException e) {
                e.jobId(id.toString());
                throw e;
            }
        }

        /** {@code generate()} on a job model: submits the call once, then waits for it up to the job timeout. */
        ProviderResult submitAndAwait(BackendCall call, ModelSpec spec, @Nullable Consumer<? super ImageEvent> listener) {
            String handle = backend().submit(call);
            JobId id = new JobId(provider.id(), spec.id(), List.of(new JobId.Task(call.count(), handle)));
            try {
                return awaitTasks(id, timeout, listener, true, task -> call)[0];
            } catch (GenerationCancelledException e) {
                // The caller stopped this generation, not only its wait: where the vendor can, stop paying for it.
                try {
                    backend().cancel(handle);
                } catch (RuntimeException cancelFailure) {
                    e.addSuppressed(cancelFailure);
                }
                throw e;
            }
        }

        /** {@link ImageJob#await}: waits for every task, fetches the images, and answers as a generation would. */
        ImageResponse await(JobId id, @Nullable ImageRequest submitted, Duration timeout,
                            @Nullable Consumer<? super ImageEvent> listener, List<Warning> warnings) {
            requireOpen();
            List<StoredSinks> opened = new ArrayList<>();
            ProviderResult[] results = awaitTasks(id, timeout, listener, false, task -> {
                StoredSinks sinks = new StoredSinks(provider.id(), task.count(), storage);
                opened.add(sinks);
                return sinks;
            });
            ModelSpec spec = provider.models().specFor(id.model());
            List<ImageResponse> responses = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                ProviderResult result = results[i];
                responses.add(response(id.model(), result,
                        costs.cost(spec, taskRequest(id, i, submitted, result), result.images().size(), result.usage())));
            }
            ImageResponse response = combine(id.model(), responses, warnings);
            if (listener != null) {
                try {
                    for (int i = 0; i < response.images().size(); i++) {
                        listener.accept(new ImageEvent.Completed(i, response.images().get(i)));
                    }
                } catch (RuntimeException | Error e) {
                    opened.forEach(StoredSinks::discard);
                    throw e;
                }
            }
            return response;
        }

        /**
         * What task {@code index} was asked to make, for its cost: the submitted share when this process
         * submitted it, else what the job id and the images tell (the model, the count, the size made).
         */
        private ImageRequest taskRequest(JobId id, int index, @Nullable ImageRequest submitted, ProviderResult result) {
            JobId.Task task = id.tasks().get(index);
            if (submitted != null && id.tasks().size() == 1) {
                return submitted;
            }
            ImageRequest.Builder request = (submitted != null ? submitted.toBuilder()
                    : ImageRequest.builder("(a re-attached job)").model(id.model())).count(task.count());
            if (submitted == null || submitted.size() == null) {
                request.size(result.images().get(0).size());
            }
            return request.build();
        }

        private ProviderResult[] awaitTasks(JobId id, Duration timeout, @Nullable Consumer<? super ImageEvent> listener,
                                            boolean justSubmitted, Function<JobId.Task, StoredSinks> sinksFor) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive but was " + timeout);
            }
            List<JobId.Task> tasks = id.tasks();
            ProviderResult[] results = new ProviderResult[tasks.size()];
            JobPoll[] last = new JobPoll[tasks.size()];
            long start = ticker.nanoTime();
            long deadline = start + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            Duration wait = polling.initialInterval();
            int polls = 0;
            try {
                if (justSubmitted) {
                    emit(listener, new ImageEvent.JobProgress(id.toString(), JobState.QUEUED, null, 0));
                    sleepBeforePoll(id, wait, deadline, timeout, null);
                    wait = polling.next(wait);
                }
                while (true) {
                    Duration asked = null;
                    ImageGenerationException transientFailure = null;
                    for (int i = 0; i < tasks.size(); i++) {
                        if (results[i] != null) {
                            continue;
                        }
                        JobId.Task task = tasks.get(i);
                        JobPoll poll;
                        try {
                            poll = backend().poll(task.handle());
                        } catch (ImageGenerationException e) {
                            if (!e.isRetryable()) {
                                throw e;
                            }
                            // A poll lost on the way (after the transport's own retries) says nothing about the job.
                            transientFailure = e;
                            asked = longest(asked, e instanceof RateLimitException limit ? limit.retryAfter().orElse(null) : null);
                            continue;
                        }
                        last[i] = poll;
                        if (poll instanceof JobPoll.Failed failed) {
                            throw failed.failure();
                        } else if (poll instanceof JobPoll.Pending pending) {
                            asked = longest(asked, pending.retryAfter());
                        } else if (poll instanceof JobPoll.Ready ready) {
                            results[i] = fetch(task, ready, sinksFor.apply(task));
                        }
                    }
                    polls++;
                    JobStatus status = ImageJob.summarize(id.toString(), Arrays.asList(last));
                    emit(listener, new ImageEvent.JobProgress(id.toString(), status.state(), status.progress(), polls));
                    if (status.state() == JobState.READY) {
                        return results;
                    }
                    sleepBeforePoll(id, longer(wait, asked), deadline, timeout, transientFailure);
                    wait = polling.next(wait);
                }
            } catch (ImageGenerationException e) {
                e.jobId(id.toString());
                e.completedImages(ImageJob.images(results));
                throw e;
            }
        }

        private ProviderResult fetch(JobId.Task task, JobPoll.Ready ready, StoredSinks sinks) {
            try {
                ProviderResult result = backend().fetch(task.handle(), ready, sinks);
                if (result.images().size() != task.count()) {
                    throw new ProviderResponseException("The provider fetched " + result.images().size()
                            + " images for a job task that makes " + task.count(),
                            ErrorDetails.of(provider.id()).withRequestId(result.requestId()), null);
                }
                return result;
            } catch (RuntimeException | Error e) {
                sinks.discard();
                throw e;
            }
        }

        /** Waits {@code wait}, or until the deadline when that comes first; after the deadline nothing is polled. */
        private void sleepBeforePoll(JobId id, Duration wait, long deadline, Duration timeout,
                                     @Nullable ImageGenerationException transientFailure) {
            long remaining = deadline - ticker.nanoTime();
            try {
                if (remaining > 0) {
                    ticker.sleep(Duration.ofNanos(Math.min(wait.toNanos(), remaining)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenerationCancelledException("Interrupted while waiting for job " + id
                        + "; it goes on at the vendor, and ImageGenerator.job(id) re-attaches to it",
                        ErrorDetails.of(provider.id()), e);
            }
            if (ticker.nanoTime() - deadline >= 0) {
                throw new GenerationTimeoutException("Job " + id + " was not done after "
                        + Durations.human(timeout) + "; it goes on at the vendor: await it"
                        + " again, or re-attach later with ImageGenerator.job(id)", ErrorDetails.of(provider.id()),
                        transientFailure, false);
            }
        }

        private static Duration longer(Duration a, @Nullable Duration b) {
            return b != null && b.compareTo(a) > 0 ? b : a;
        }

        private static @Nullable Duration longest(@Nullable Duration a, @Nullable Duration b) {
            return a == null ? b : longer(a, b);
        }

        private void emit(@Nullable Consumer<? super ImageEvent> listener, ImageEvent event) {
            if (listener != null) {
                listener.accept(event);
            }
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
        private JobPolling polling = JobPolling.DEFAULT;
        private Duration jobTimeout = DEFAULT_JOB_TIMEOUT;
        private Ticker ticker = Ticker.SYSTEM;
        private PriceCatalog prices = PriceCatalog.empty();
        private @Nullable BigDecimal maxCostPerRequest;
        private @Nullable CostBudget budget;

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

        /** How jobs are polled; {@link JobPolling#DEFAULT} unless set. */
        public Builder polling(JobPolling polling) {
            this.polling = Objects.requireNonNull(polling, "polling");
            return this;
        }

        /**
         * How long {@code generate()} and {@link ImageJob#await()} wait for a job before giving up with a
         * {@link GenerationTimeoutException} (the job goes on at the vendor); 15 minutes unless set.
         */
        public Builder jobTimeout(Duration jobTimeout) {
            Objects.requireNonNull(jobTimeout, "jobTimeout");
            if (jobTimeout.isNegative() || jobTimeout.isZero()) {
                throw new IllegalArgumentException("jobTimeout must be positive but was " + jobTimeout);
            }
            this.jobTimeout = jobTimeout;
            return this;
        }

        /** Replaces the clock and the waits of job polling, for tests. */
        Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Adds an interceptor after those already added. */
        public Builder interceptor(ImageInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Prices that override and extend those the provider's module ships, such as your negotiated rates
         * or a model the catalog does not know yet ({@link PriceCatalog#load(java.nio.file.Path)}).
         */
        public Builder prices(PriceCatalog prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * The most one request may cost, in USD: a request whose {@link ImageGenerator#estimate estimate}
         * is higher, or cannot be worked out, is refused with {@link BudgetExceededException} before anything
         * is sent.
         *
         * @throws IllegalArgumentException when it is negative
         */
        public Builder maxCostPerRequest(BigDecimal usd) {
            Objects.requireNonNull(usd, "usd");
            if (usd.signum() < 0) {
                throw new IllegalArgumentException("maxCostPerRequest cannot be negative but was " + usd.toPlainString());
            }
            this.maxCostPerRequest = usd;
            return this;
        }

        /**
         * A running total the generator's requests may spend, shared with whatever else holds it: each call's
         * estimate is reserved before it is sent and settled to its actual cost after, so that calls at once
         * cannot together overshoot it; a request that does not fit is refused with
         * {@link BudgetExceededException} before anything is sent.
         */
        public Builder budget(CostBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
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
