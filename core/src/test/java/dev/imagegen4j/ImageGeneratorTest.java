package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.spi.ProviderCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The core-owned client over a fake backend: what it does for every provider alike. */
@Timeout(30)
class ImageGeneratorTest {
    /** Generous: only reached when something hangs. */
    private static final long WAIT_SECONDS = 10;
    private static final String PROMPT = "a lighthouse at dusk";

    /** Makes up to 8 images, one per call, with seeds 0..99; streams. */
    private static final ModelSpec SPLIT = ModelSpec.builder("split").known(true)
            .count(IntRange.of(1, 8)).maxImagesPerCall(1).seeds(0, 99).streaming(IntRange.of(0, 2))
            .qualities(Quality.LOW).build();
    /** Makes one image per request and takes nothing but a prompt. */
    private static final ModelSpec PLAIN = ModelSpec.builder("plain").known(true).build();

    private final List<ImageGenerator> generators = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private FakeProvider provider;
    private FakeProvider.Backend backend;

    @TempDir
    Path temp;

    @AfterEach
    void closeEverything() {
        never.countDown();
        generators.forEach(ImageGenerator::close);
        executors.forEach(ExecutorService::shutdownNow);
    }

    private ImageGenerator generator(Consumer<ImageGenerator.Builder> configure, ModelSpec... specs) {
        provider = new FakeProvider(specs.length == 0 ? new ModelSpec[] {SPLIT, PLAIN} : specs);
        backend = provider.backend;
        ImageGenerator.Builder builder = ImageGenerator.builder(provider);
        configure.accept(builder);
        ImageGenerator generator = builder.build();
        generators.add(generator);
        return generator;
    }

    private ImageGenerator generator() {
        return generator(b -> { });
    }

    private static ImageRequest.Builder request(String model) {
        return ImageRequest.builder(PROMPT).model(model);
    }

    private static List<Integer> widths(List<GeneratedImage> images) {
        return images.stream().map(GeneratedImage::width).toList();
    }

    private static List<Long> seeds(List<ProviderCall> calls) {
        return calls.stream().map(call -> call.request().seed()).sorted().toList();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for " + latch);
        }
    }

    private ExecutorService executor(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executors.add(executor);
        return executor;
    }

    // ---- validation and model resolution ----

    @Test
    void anInvalidRequestListsEveryViolationAndSendsNothing() {
        ImageGenerator generator = generator();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.generate(request("plain").count(2).seed(1L).build()));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("count.range", "seed.not_supported");
        assertThat(thrown.getMessage()).isEqualTo("Invalid request for model plain: count must be between 1 and 1 on "
                + "model plain but was 2; seed is not supported by model plain; it takes prompt, size (provider fake)");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void validateChecksAsGenerateWouldWithoutSendingAnything() {
        ImageGenerator generator = generator(b -> b.lenient(true));

        ValidationResult result = generator.validate(request("plain").seed(1L).build());

        assertThat(result.isValid()).isTrue();
        assertThat(result.warnings()).extracting(Warning::code).containsExactly("seed.dropped");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aRequestWithoutModelGoesToTheDefaultModel() {
        ImageGenerator generator = generator();

        ImageResponse response = generator.generate(ImageRequest.builder(PROMPT).build());

        assertThat(response.model()).isEqualTo("split");
        assertThat(response.providerId()).isEqualTo("fake");
        assertThat(backend.calls).singleElement().satisfies(call -> {
            assertThat(call.request().model()).isEqualTo("split");
            assertThat(call.model()).isSameAs(SPLIT);
        });
    }

    @Test
    void anUnknownModelIsSentWithAModelUnknownWarningInTheResponse() {
        ImageGenerator generator = generator();

        ImageResponse response = generator.generate(request("mystery").build());

        assertThat(response.model()).isEqualTo("mystery");
        assertThat(response.warnings()).extracting(Warning::code).containsExactly("model.unknown");
        assertThat(backend.calls).singleElement().satisfies(call -> assertThat(call.model().isKnown()).isFalse());
    }

    @Test
    void settingsDroppedInLenientModeAreNotSentAndReachTheResponseAsWarnings() {
        ImageGenerator generator = generator(b -> b.lenient(true));

        ImageResponse response = generator.generate(request("plain").seed(5L).quality(Quality.HIGH).build());

        assertThat(response.warnings()).extracting(Warning::code).containsExactly("seed.dropped", "quality.dropped");
        assertThat(response.warnings()).extracting(Warning::reason).containsExactly(
                "seed 5 was dropped: model plain does not take it (lenient mode)",
                "quality high was dropped: model plain does not take it (lenient mode)");
        assertThat(backend.calls).singleElement().satisfies(call -> {
            assertThat(call.request().seed()).isNull();
            assertThat(call.request().quality()).isNull();
        });
    }

    @Test
    void aCallSeesOnlyItsOwnProvidersExtras() {
        ModelSpec open = PLAIN.toBuilder().acceptUndeclaredExtras(true).build();
        ImageGenerator generator = generator(b -> { }, open);

        generator.generate(request("plain").extra("fake", "steps", 30).extra("other", "steps", 1).build());

        assertThat(backend.calls).singleElement().satisfies(call -> {
            assertThat(call.extras()).containsExactly(java.util.Map.entry("steps", 30));
            assertThat(call.count()).isEqualTo(1);
            assertThat(call.streaming()).isFalse();
        });
    }

    // ---- fan-out ----

    @Test
    void aRequestAboveThePerCallMaximumIsSplitKeepingImageOrderAndShiftingSeedsWithinTheirRange() {
        ImageGenerator generator = generator();

        ImageResponse response = generator.generate(request("split").count(8).seed(95L).build());

        assertThat(backend.calls).hasSize(8).allSatisfy(call -> assertThat(call.count()).isEqualTo(1));
        assertThat(seeds(backend.calls)).containsExactly(0L, 1L, 2L, 95L, 96L, 97L, 98L, 99L);
        // Image i was made with seed 95 + i, wrapped into 0..99: its width is 1 + that seed.
        assertThat(widths(response.images())).containsExactly(96, 97, 98, 99, 100, 1, 2, 3);
        assertThat(response.model()).isEqualTo("split");
        assertThat(response.size()).isEqualTo("reported");
    }

    @Test
    void aSplitRequestShiftsEachCallsSeedByTheIndexOfItsFirstImage() {
        ModelSpec threePerCall = SPLIT.toBuilder().maxImagesPerCall(3).build();
        ImageGenerator generator = generator(b -> { }, threePerCall);

        ImageResponse response = generator.generate(request("split").count(8).seed(10L).build());

        assertThat(backend.calls).extracting(ProviderCall::count).containsExactlyInAnyOrder(3, 3, 2);
        assertThat(seeds(backend.calls)).containsExactly(10L, 13L, 16L);
        assertThat(widths(response.images())).containsExactly(11, 12, 13, 14, 15, 16, 17, 18);
    }

    @Test
    void aSplitRequestWithoutSeedSendsNone() {
        ImageGenerator generator = generator();

        generator.generate(request("split").count(3).build());

        assertThat(backend.calls).hasSize(3).allSatisfy(call -> assertThat(call.request().seed()).isNull());
    }

    @Test
    void theUsageOfASplitRequestIsTheSumOfItsCalls() {
        ImageGenerator generator = generator();

        ImageResponse response = generator.generate(request("split").count(4).build());

        assertThat(response.usage()).isEqualTo(new Usage(4, Usage.TokenDetails.NONE, 8, Usage.TokenDetails.NONE, 12));
    }

    @Test
    void theUsageOfASplitRequestIsUnknownWhenAnyCallReportsNone() {
        ImageGenerator generator = generator();
        backend.usage = call -> call.request().seed() == 2L ? null : FakeProvider.USAGE;

        ImageResponse response = generator.generate(request("split").count(4).seed(0L).build());

        assertThat(response.usage()).isNull();
        assertThat(response.images()).hasSize(4);
    }

    @Test
    void warningsOfValidationAndOfEveryCallAreMergedOnce() {
        Warning remark = new Warning("model", "split", "provider.remark", "the fake says hello");
        ImageGenerator generator = generator(b -> b.lenient(true));
        backend.warnings = List.of(remark);

        ImageResponse response = generator.generate(request("split").count(3).user("u-1").build());

        assertThat(response.warnings()).extracting(Warning::code).containsExactly("user.dropped", "provider.remark");
    }

    @Test
    void aSplitRequestNeverRunsMoreThanMaxConcurrentCallsAtOnce() {
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(3));
        CountDownLatch threeRunning = new CountDownLatch(1);
        backend.step = call -> {
            if (backend.running.get() >= 3) {
                threeRunning.countDown();
            }
            await(threeRunning);
        };

        ImageResponse response = generator.generate(request("split").count(8).build());

        assertThat(response.images()).hasSize(8);
        assertThat(backend.calls).hasSize(8);
        assertThat(backend.mostRunning.get()).isEqualTo(3);
    }

    @Test
    void aSplitRequestRunsOnTheCallerWhenTheExecutorRejectsHelpers() {
        ImageGenerator generator = generator(b -> b.executor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }));

        ImageResponse response = generator.generate(request("split").count(3).build());

        assertThat(response.images()).hasSize(3);
        assertThat(backend.threads).containsOnly(Thread.currentThread());
    }

    @Test
    void aFailedCallInterruptsTheOthersAndTheExceptionHoldsTheImagesBeforeIt() {
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(4));
        CountDownLatch firstTwoDone = new CountDownLatch(2);
        CountDownLatch lastRunning = new CountDownLatch(1);
        backend.step = call -> {
            long seed = call.request().seed();
            if (seed <= 1) {
                firstTwoDone.countDown();
            } else if (seed == 3) {
                lastRunning.countDown();
                await(never);
            } else {
                await(firstTwoDone);
                await(lastRunning);
                throw new ProviderUnavailableException("Bad gateway", ErrorDetails.of("fake").withHttpStatus(502));
            }
        };

        ProviderUnavailableException thrown = catchThrowableOfType(ProviderUnavailableException.class,
                () -> generator.generate(request("split").count(4).seed(0L).build()));

        assertThat(thrown.getMessage()).isEqualTo("Bad gateway (provider fake, HTTP 502)");
        assertThat(widths(thrown.completedImages())).containsExactly(1, 2);
        assertThat(backend.interrupted.get()).isEqualTo(1);
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(GenerationCancelledException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aFailedSingleCallHasNoCompletedImages() {
        ImageGenerator generator = generator();
        backend.step = call -> {
            throw new RateLimitException("Slow down", ErrorDetails.of("fake"), null, null);
        };

        RateLimitException thrown = catchThrowableOfType(RateLimitException.class,
                () -> generator.generate(request("split").build()));

        assertThat(thrown.completedImages()).isEmpty();
    }

    // ---- interceptors ----

    @Test
    void interceptorsSeeTheGenerationOnceThenEachCallInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ImageInterceptor record = chain -> {
            seen.add(chain.stage() + " " + chain.part() + "/" + chain.parts() + " count " + chain.request().count()
                    + " seed " + chain.request().seed() + " " + chain.model().id() + " " + chain.providerId());
            return chain.proceed();
        };
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(1).interceptor(record));

        generator.generate(request("split").count(3).seed(7L).build());

        assertThat(seen).containsExactly(
                "GENERATION 0/3 count 3 seed 7 split fake",
                "CALL 0/3 count 1 seed 7 split fake",
                "CALL 1/3 count 1 seed 8 split fake",
                "CALL 2/3 count 1 seed 9 split fake");
    }

    @Test
    void callsOnHelperThreadsSeeTheAttributesTheirGenerationSet() {
        Object key = new Object();
        List<Object> seen = new CopyOnWriteArrayList<>();
        ImageInterceptor record = chain -> {
            if (chain.stage() == Stage.GENERATION) {
                chain.attributes().put(key, "generation " + chain.request().seed());
            } else {
                seen.add(chain.attributes().get(key));
            }
            return chain.proceed();
        };
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(3).interceptor(record));

        generator.generate(request("split").count(3).seed(7L).build());
        generator.generate(request("split").count(1).seed(9L).build());

        assertThat(seen).containsExactly("generation 7", "generation 7", "generation 7", "generation 9");
    }

    @Test
    void interceptorsRunInTheOrderTheyWereAdded() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ImageGenerator generator = generator(b -> b
                .interceptor(chain -> {
                    seen.add("outer " + chain.stage());
                    return chain.proceed();
                })
                .interceptor(chain -> {
                    seen.add("inner " + chain.stage());
                    return chain.proceed();
                }));

        generator.generate(request("split").build());

        assertThat(seen).containsExactly("outer GENERATION", "inner GENERATION", "outer CALL", "inner CALL");
    }

    @Test
    void aCallInterceptorCanRetryAFailedCall() {
        AtomicInteger failures = new AtomicInteger();
        ImageInterceptor retryOnce = chain -> {
            if (chain.stage() != Stage.CALL) {
                return chain.proceed();
            }
            try {
                return chain.proceed();
            } catch (ProviderUnavailableException e) {
                return chain.proceed();
            }
        };
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(1).interceptor(retryOnce));
        backend.step = call -> {
            if (call.request().seed() == 1L && failures.getAndIncrement() == 0) {
                throw new ProviderUnavailableException("Bad gateway", ErrorDetails.of("fake"));
            }
        };

        ImageResponse response = generator.generate(request("split").count(3).seed(0L).build());

        assertThat(widths(response.images())).containsExactly(1, 2, 3);
        assertThat(backend.calls).hasSize(4);
    }

    @Test
    void aGenerationInterceptorCanAnswerWithoutAnyCall() {
        ImageResponse canned = new ImageResponse("fake", "split", List.of(GeneratedImage.ofBytes(
                FakeProvider.png(5, 5))), null, null, null, null, null, null, null, List.of(),
                Cost.unknown(null, "canned"));
        ImageGenerator generator = generator(b -> b.interceptor(chain -> canned));

        ImageResponse response = generator.generate(request("split").count(4).build());

        assertThat(response).isSameAs(canned);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void anInterceptorThatReturnsNothingFailsTheGeneration() {
        ImageInterceptor broken = new ImageInterceptor() {
            @Override
            public ImageResponse intercept(Chain chain) {
                return null;
            }

            @Override
            public String toString() {
                return "broken";
            }
        };
        ImageGenerator generator = generator(b -> b.interceptor(broken));

        assertThatThrownBy(() -> generator.generate(request("split").build()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("interceptor broken returned no response");
    }

    // ---- async and cancellation ----

    @Test
    void generateAsyncRunsOnTheCallersExecutor() throws Exception {
        ImageGenerator generator = generator(b -> b.executor(executor("mine", 2)));

        ImageResponse response = generator.generateAsync(request("split").build()).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.images()).hasSize(1);
        assertThat(backend.threads).singleElement().satisfies(thread -> assertThat(thread.getName()).startsWith("mine-"));
    }

    @Test
    void generateAsyncCompletesExceptionallyWithTheExceptionGenerateWouldThrow() {
        ImageGenerator generator = generator();

        CompletableFuture<ImageResponse> future = generator.generateAsync(request("plain").count(2).build());

        assertThatThrownBy(() -> future.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void cancellingTheFutureInterruptsABlockedCallPromptly() throws Exception {
        ImageGenerator generator = generator();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        backend.step = call -> {
            started.countDown();
            try {
                await(never);
            } catch (InterruptedException e) {
                stopped.countDown();
                throw e;
            }
        };
        CompletableFuture<ImageResponse> future = generator.generateAsync(request("split").build());
        await(started);

        boolean cancelled = future.cancel(true);

        assertThat(cancelled).isTrue();
        await(stopped);
        assertThat(future).isCancelled();
    }

    @Test
    void interruptingACallerBlockedInASplitGenerationEndsInCancellationWithTheInterruptSetAgain()
            throws Exception {
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(2).executor(executor("helper", 1)));
        CountDownLatch helperBlocked = new CountDownLatch(1);
        AtomicReference<Thread> caller = new AtomicReference<>();
        backend.step = call -> {
            if (Thread.currentThread() == caller.get()) {
                // Until the helper has a call of its own, so that the caller cannot take them all.
                await(helperBlocked);
            } else {
                helperBlocked.countDown();
                await(never);
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                generator.generate(request("split").count(4).build());
            } catch (Throwable t) {
                thrown.set(t);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.set(thread);
        thread.start();
        await(helperBlocked);
        // The caller makes the other three images itself, then waits for the helper.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (backend.completed.get() < 3) {
            assertThat(System.nanoTime()).as("the caller's own three calls").isLessThan(deadline);
            Thread.onSpinWait();
        }

        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(thread.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(GenerationCancelledException.class)
                .hasMessage("The generation was interrupted (provider fake)");
        assertThat(interruptedAfter.get()).isTrue();
        assertThat(backend.interrupted.get()).isEqualTo(1);
    }

    @Test
    void anInterruptedCallerSendsNoFurtherCall() {
        ImageGenerator generator = generator();
        Thread.currentThread().interrupt();

        Throwable thrown;
        try {
            thrown = catchThrowableOfType(GenerationCancelledException.class,
                    () -> generator.generate(request("split").build()));
        } finally {
            Thread.interrupted();
        }

        assertThat(thrown).hasMessage("The generation was interrupted before call 1 of 1 was sent (provider fake)");
        assertThat(backend.calls).isEmpty();
    }

    // ---- storage ----

    @Test
    void directoryStoragePutsEachImageInAFileThere() throws Exception {
        Path spool = temp.resolve("spool");
        ImageGenerator generator = generator(b -> b.storage(ImageStorage.directory(spool)));

        ImageResponse response = generator.generate(request("split").count(2).seed(3L).build());

        assertThat(response.images()).allSatisfy(image -> {
            assertThat(image.file()).isNotNull().hasParent(spool).exists();
            assertThat(Files.readAllBytes(image.file())).isEqualTo(image.bytes());
        });
        assertThat(widths(response.images())).containsExactly(4, 5);
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void aFailedCallLeavesNoFileBehind() throws Exception {
        ImageGenerator generator = generator(b -> b.storage(ImageStorage.directory(temp)));
        backend.step = call -> {
            var sink = call.newSink();
            sink.write(FakeProvider.png(3, 3));
            sink.finish();
            call.newSink().write(new byte[] {1, 2, 3});
            throw new ProviderResponseException("Body is not an image", ErrorDetails.of("fake"));
        };

        assertThatThrownBy(() -> generator.generate(request("split").build()))
                .isInstanceOf(ProviderResponseException.class);

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSplitRequestThatFailsPartWayKeepsTheFilesOfTheCompletedImagesOnly() throws Exception {
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(1).storage(ImageStorage.directory(temp)));
        backend.step = call -> {
            if (call.request().seed() == 2L) {
                call.newSink().write(new byte[] {1, 2, 3});
                throw new ProviderResponseException("Body is not an image", ErrorDetails.of("fake"));
            }
        };

        ProviderResponseException thrown = catchThrowableOfType(ProviderResponseException.class,
                () -> generator.generate(request("split").count(4).seed(0L).build()));

        assertThat(widths(thrown.completedImages())).containsExactly(1, 2);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactlyInAnyOrderElementsOf(
                    thrown.completedImages().stream().map(GeneratedImage::file).toList());
        }
        assertThat(backend.calls).hasSize(3);
    }

    @Test
    void aSplitRequestThatFailsReportsTheImagesOfALaterCallThatFinishedFirst() throws Exception {
        java.util.concurrent.CountDownLatch secondDone = new java.util.concurrent.CountDownLatch(1);
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(2).storage(ImageStorage.directory(temp))
                .interceptor(chain -> {
                    ImageResponse response = chain.proceed();
                    if (chain.stage() == ImageInterceptor.Stage.CALL && chain.part() == 1) {
                        secondDone.countDown();
                    }
                    return response;
                }));
        backend.step = call -> {
            if (call.request().seed() == 0L) {
                assertThat(secondDone.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                throw new ProviderResponseException("Body is not an image", ErrorDetails.of("fake"));
            }
        };

        ProviderResponseException thrown = catchThrowableOfType(ProviderResponseException.class,
                () -> generator.generate(request("split").count(4).seed(0L).build()));

        // The second call finished before the first failed (the third may have too): all are reported, in order.
        assertThat(widths(thrown.completedImages())).startsWith(2).doesNotContain(1).isSorted();
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactlyInAnyOrderElementsOf(
                    thrown.completedImages().stream().map(GeneratedImage::file).toList());
        }
    }

    @Test
    void memoryStorageIsTheDefault() {
        ImageGenerator generator = generator();

        ImageResponse response = generator.generate(request("split").build());

        assertThat(response.image().file()).isNull();
        assertThat(generator).hasToString("ImageGenerator[fake, storage memory]");
    }

    // ---- streaming ----

    @Test
    void streamedEventsOfASplitRequestAreRenumberedAcrossCallsAndInOrder() {
        ImageGenerator generator = generator(b -> b.maxConcurrentCalls(4));
        List<String> events = new ArrayList<>();

        ImageResponse response = generator.stream(request("split").count(3).seed(0L).build(), event ->
                events.add(event instanceof ImageEvent.PartialImage p
                        ? "partial " + p.imageIndex() + " width " + p.image().width()
                        : "completed " + ((ImageEvent.Completed) event).imageIndex() + " width "
                                + ((ImageEvent.Completed) event).image().width()));

        assertThat(events).containsExactly("partial 0 width 1", "completed 0 width 1", "partial 1 width 2",
                "completed 1 width 2", "partial 2 width 3", "completed 2 width 3");
        assertThat(widths(response.images())).containsExactly(1, 2, 3);
        assertThat(backend.mostRunning.get()).isEqualTo(1);
        assertThat(backend.calls).allSatisfy(call -> assertThat(call.streaming()).isTrue());
    }

    @Test
    void streamingAModelThatDoesNotStreamIsRefusedStrictly() {
        ImageGenerator generator = generator();

        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class,
                () -> generator.stream(request("plain").build(), event -> { }));

        assertThat(thrown.violations()).extracting(Violation::rule).containsExactly("stream.not_supported");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void streamingAModelThatDoesNotStreamHandsOverCompletedImagesWithAWarningWhenLenient() {
        ImageGenerator generator = generator(b -> b.lenient(true));
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response = generator.stream(request("plain").build(), events::add);

        assertThat(events).singleElement().isEqualTo(new ImageEvent.Completed(0, response.image()));
        assertThat(response.warnings()).extracting(Warning::code).containsExactly("stream.dropped");
        assertThat(backend.calls).singleElement().satisfies(call -> assertThat(call.streaming()).isFalse());
    }

    @Test
    void aListenerThatThrowsStopsTheGenerationWithItsOwnException() {
        ImageGenerator generator = generator();
        IllegalStateException stop = new IllegalStateException("enough");

        Throwable thrown = catchThrowableOfType(IllegalStateException.class,
                () -> generator.stream(request("split").count(3).build(), event -> {
                    throw stop;
                }));

        assertThat(thrown).isSameAs(stop);
        assertThat(backend.calls).hasSize(1);
    }

    // ---- lifecycle ----

    @Test
    void closeClosesTheBackendOnceAndLaterCallsAreRefused() {
        ImageGenerator generator = generator();

        generator.close();
        generator.close();

        assertThat(backend.closes.get()).isEqualTo(1);
        ImageRequest request = request("split").build();
        assertThatThrownBy(() -> generator.generate(request)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this fake generator is closed");
        assertThatThrownBy(() -> generator.generateAsync(request)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this fake generator is closed");
        assertThatThrownBy(() -> generator.stream(request, event -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessage("this fake generator is closed");
    }

    @Test
    void theGeneratorDescribesItsProviderAndModels() {
        ImageGenerator generator = generator(b -> b.lenient(true));

        assertThat(generator.providerId()).isEqualTo("fake");
        assertThat(generator.models()).isSameAs(provider.models());
        assertThat(generator).hasToString("ImageGenerator[fake, storage memory, lenient]");
    }

    @Test
    void theBuilderRefusesFewerThanOneConcurrentCall() {
        ImageGenerator.Builder builder = ImageGenerator.builder(new FakeProvider(PLAIN));

        assertThatThrownBy(() -> builder.maxConcurrentCalls(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentCalls must be at least 1 but was 0");
    }

    @Test
    void aProviderThatOpensNoBackendIsReportedByName() {
        FakeProvider nothing = new FakeProvider(PLAIN) {
            @Override
            public dev.imagegen4j.spi.ImageBackend open(ProviderConfig config) {
                return null;
            }
        };

        assertThatThrownBy(() -> ImageGenerator.create(nothing, ProviderConfig.defaults()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("fake opened no backend");
    }
}
