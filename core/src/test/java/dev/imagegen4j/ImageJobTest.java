package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ImageSinks;
import dev.imagegen4j.spi.JobBackend;
import dev.imagegen4j.spi.JobPoll;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jobs as core runs them for every provider alike: submit, poll on a schedule, fetch, re-attach. */
@Timeout(30)
class ImageJobTest {
    private static final ModelSpec ASYNC = ModelSpec.builder("async").known(true).jobs(true)
            .count(IntRange.of(1, 4)).maxImagesPerCall(1).seeds(0, 99).build();
    private static final ModelSpec SYNC = ModelSpec.builder("sync").known(true).build();
    private static final JobPolling FAST = new JobPolling(Duration.ofMillis(100), 2, Duration.ofSeconds(1));

    /** The vendor: its tasks outlive any one generator, as a real vendor's do. */
    private final Vendor vendor = new Vendor();
    private final FakeTicker ticker = new FakeTicker();
    private final List<ImageGenerator> generators = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void close() {
        generators.forEach(ImageGenerator::close);
    }

    private ImageGenerator generator(Consumer<ImageGenerator.Builder> configure) {
        ImageGenerator.Builder builder = ImageGenerator.builder(new JobProvider(vendor)).polling(FAST).ticker(ticker);
        configure.accept(builder);
        ImageGenerator generator = builder.build();
        generators.add(generator);
        return generator;
    }

    private ImageGenerator generator() {
        return generator(b -> { });
    }

    private static ImageRequest async(String prompt) {
        return ImageRequest.builder(prompt).model("async").build();
    }

    @Test
    void generateOnAJobModelSubmitsOncePollsOnTheScheduleAndReportsProgress() {
        vendor.script("fox", pending(JobState.QUEUED, null), pending(JobState.RUNNING, 0.5), ready());
        List<String> events = new ArrayList<>();

        ImageResponse response = generator().stream(async("fox"), event -> events.add(describe(event)));

        assertThat(vendor.submits).hasValue(1);
        assertThat(response.images()).singleElement().satisfies(image -> assertThat(image.width()).isEqualTo(7));
        assertThat(ticker.sleeps).containsExactly(ms(100), ms(200), ms(400));
        assertThat(events).containsExactly("queued 0 null", "queued 1 null", "running 2 0.5", "ready 3 1.0",
                "completed 0");
    }

    @Test
    void theWaitGrowsUpToTheMaximumAndNeverPastIt() {
        vendor.script("fox", pending(JobState.RUNNING, null), pending(JobState.RUNNING, null),
                pending(JobState.RUNNING, null), pending(JobState.RUNNING, null), pending(JobState.RUNNING, null),
                ready());

        generator().generate(async("fox"));

        assertThat(ticker.sleeps).containsExactly(ms(100), ms(200), ms(400), ms(800), ms(1000), ms(1000));
    }

    @Test
    void aRetryAfterLongerThanTheScheduleIsHonoured() {
        vendor.script("fox", new JobPoll.Pending(JobState.QUEUED, null, Duration.ofSeconds(3)), ready());

        generator().generate(async("fox"));

        assertThat(ticker.sleeps).containsExactly(ms(100), ms(3000));
    }

    @Test
    void aRetryablePollFailureIsPolledAgainLaterAndNothingIsSubmittedTwice() {
        vendor.script("fox", new RateLimitException("slow down", ErrorDetails.of("jobs"), Duration.ofSeconds(2)),
                new ProviderUnavailableException("bad gateway", ErrorDetails.of("jobs")), ready());

        ImageResponse response = generator().generate(async("fox"));

        assertThat(response.images()).hasSize(1);
        assertThat(vendor.submits).hasValue(1);
        assertThat(vendor.polls).hasValue(3);
        assertThat(ticker.sleeps).containsExactly(ms(100), ms(2000), ms(400));
    }

    @Test
    void aPollFailureThatIsNotRetryableEndsTheWaitNamingTheJob() {
        vendor.script("fox", new AuthenticationException("key revoked", ErrorDetails.of("jobs")));

        ImageJob job = generator().submit(async("fox"));
        AuthenticationException failure = catchThrowableOfType(() -> job.await(Duration.ofMinutes(1)),
                AuthenticationException.class);

        assertThat(failure.jobId()).contains(job.id());
        assertThat(vendor.polls).hasValue(1);
    }

    @Test
    void noPollIsMadeAfterTheDeadlineAndTheTimeoutNamesTheJobThatGoesOn() {
        vendor.script("fox", pending(JobState.RUNNING, null), pending(JobState.RUNNING, null),
                pending(JobState.RUNNING, null), pending(JobState.RUNNING, null), ready());
        ImageJob job = generator().submit(async("fox"));

        GenerationTimeoutException timeout = catchThrowableOfType(() -> job.await(Duration.ofMillis(500)),
                GenerationTimeoutException.class);

        // await polls at once, then after 100 ms and 200 ms; the next wait (400 ms) would pass the deadline.
        assertThat(vendor.pollTimes).containsExactly(ms(0), ms(100), ms(300));
        assertThat(ticker.now).isEqualTo(ms(500));
        assertThat(timeout.jobId()).contains(job.id());
        assertThat(timeout.isRetryable()).as("sending the request again would pay again").isFalse();
        assertThat(timeout.getMessage()).contains(job.id(), "ImageGenerator.job(id)");

        ImageResponse later = job.await(Duration.ofMinutes(1));
        assertThat(later.images()).hasSize(1);
        assertThat(vendor.submits).hasValue(1);
    }

    @Test
    void aModeratedJobFailsWithTheVendorsTypeAndTheJobId() {
        vendor.script("fox", pending(JobState.QUEUED, null), new JobPoll.Failed(
                new ContentPolicyException("Content Moderated", ErrorDetails.of("jobs"), null)));

        ContentPolicyException failure = catchThrowableOfType(() -> generator().generate(async("fox")),
                ContentPolicyException.class);

        assertThat(failure.jobId()).hasValueSatisfying(id -> assertThat(JobId.parse(id).model()).isEqualTo("async"));
    }

    @Test
    void aFreshGeneratorReattachesByIdAndFetchesWithoutSubmitting() {
        vendor.script("fox", pending(JobState.RUNNING, null), ready());
        String id = generator().submit(async("fox")).id();

        ImageGenerator another = generator(b -> b.storage(ImageStorage.directory(temp)));
        ImageResponse response = another.job(id).await(Duration.ofMinutes(1));

        assertThat(vendor.submits).hasValue(1);
        assertThat(response.model()).isEqualTo("async");
        assertThat(response.image().file()).hasParent(temp);
        assertThat(response.image().width()).isEqualTo(7);
    }

    @Test
    void statusReportsQueuedRunningReadyAndFailedWithoutFetching() {
        vendor.script("fox", pending(JobState.QUEUED, null), pending(JobState.RUNNING, 0.25), ready(),
                new JobPoll.Failed(new JobNotFoundException("task fox expired", ErrorDetails.of("jobs"), null)));
        ImageJob job = generator().submit(async("fox"));

        assertThat(job.status().state()).isEqualTo(JobState.QUEUED);
        JobStatus running = job.status();
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.progress()).isEqualTo(0.25);
        assertThat(job.status().state()).isEqualTo(JobState.READY);
        JobStatus failed = job.status();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.failure()).isInstanceOf(JobNotFoundException.class);
        assertThat(failed.failure().jobId()).contains(job.id());
        assertThat(vendor.fetches).hasValue(0);
    }

    @Test
    void aSplitRequestSubmitsOneTaskPerCallAndAFailedTaskKeepsTheOthersImages() {
        vendor.script("fox#0", ready());
        vendor.script("fox#1", new JobPoll.Failed(new ContentPolicyException("Request Moderated",
                ErrorDetails.of("jobs"), null)));
        vendor.script("fox#2", ready());
        ImageJob job = generator(b -> b.storage(ImageStorage.directory(temp)))
                .submit(ImageRequest.builder("fox").model("async").count(3).seed(5L).build());

        assertThat(job.count()).isEqualTo(3);
        assertThat(JobId.parse(job.id()).tasks()).extracting(JobId.Task::handle)
                .containsExactly("fox#0", "fox#1", "fox#2");
        ContentPolicyException failure = catchThrowableOfType(() -> job.await(Duration.ofMinutes(1)),
                ContentPolicyException.class);

        assertThat(failure.completedImages()).extracting(GeneratedImage::width).containsExactly(7);
        assertThat(failure.completedImages()).allSatisfy(image -> assertThat(image.file()).exists());
    }

    @Test
    void aFetchThatFailsLeavesNoFileBehind() throws IOException {
        vendor.script("fox", ready());
        vendor.brokenFetch = true;
        ImageJob job = generator(b -> b.storage(ImageStorage.directory(temp))).submit(async("fox"));

        assertThatThrownBy(() -> job.await(Duration.ofMinutes(1))).isInstanceOf(ProviderUnavailableException.class);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void interruptingGenerateCancelsTheTaskWhereTheVendorCanAndNamesTheJob() {
        vendor.script("fox", pending(JobState.RUNNING, null));
        ticker.interruptOnSleep = true;

        GenerationCancelledException cancelled = catchThrowableOfType(() -> generator().generate(async("fox")),
                GenerationCancelledException.class);

        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(vendor.cancelled).containsExactly("fox");
        assertThat(cancelled.jobId()).isPresent();
    }

    @Test
    void aModelWithoutJobsIsAClearErrorAndNothingIsSent() {
        ImageGenerator generator = generator();

        InvalidRequestException failure = catchThrowableOfType(
                () -> generator.submit(ImageRequest.builder("fox").model("sync").build()), InvalidRequestException.class);

        assertThat(failure.violations()).extracting(Violation::rule).containsExactly("model.no_jobs");
        assertThat(failure.getMessage()).contains("does not run as jobs; use generate() instead");
        assertThat(vendor.submits).hasValue(0);
    }

    @Test
    void aSubmissionOverTheCostLimitIsRefusedBeforeAnythingIsSent() {
        ImageGenerator generator = generator(b -> b.maxCostPerRequest(new java.math.BigDecimal("1.00")));

        assertThatThrownBy(() -> generator.submit(async("fox"))).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("cannot be estimated").hasMessageContaining("nothing was sent");
        assertThatThrownBy(() -> generator.generate(async("fox"))).isInstanceOf(BudgetExceededException.class);
        assertThat(vendor.submits).hasValue(0);
    }

    @Test
    void aJobIdOfAnotherProviderOrModelIsRefused() {
        ImageGenerator generator = generator();

        assertThatThrownBy(() -> generator.job("bfl:flux-dev:1.YWJj"))
                .hasMessage("job bfl:flux-dev:1.YWJj belongs to provider bfl, not to this jobs generator");
        assertThatThrownBy(() -> generator.job("jobs:sync:1.YWJj"))
                .hasMessage("job jobs:sync:1.YWJj names model sync, which does not run as jobs at jobs");
    }

    @Test
    void jobIdsSurviveTheirTextFormAndDamagedOnesAreNamed() {
        JobId id = new JobId("bfl", "flux:odd", List.of(new JobId.Task(1, "{\"id\":\"a b\"}"), new JobId.Task(2, "é")));

        JobId parsed = JobId.parse(id.toString());

        assertThat(parsed).isEqualTo(id);
        assertThat(parsed.providerId()).isEqualTo("bfl");
        assertThat(parsed.model()).isEqualTo("flux:odd");
        assertThat(parsed.count()).isEqualTo(3);
        assertThat(parsed.tasks()).extracting(JobId.Task::handle).containsExactly("{\"id\":\"a b\"}", "é");
        assertThatThrownBy(() -> JobId.parse("not-a-job")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'not-a-job' is not a job id: expected provider:model:tasks, as printed when the job was"
                        + " submitted");
        assertThatThrownBy(() -> JobId.parse("bfl:flux-dev:x.@@")).hasMessageContaining("task list is damaged");
        assertThatThrownBy(() -> JobId.parse("bfl:flux-dev:0.YWJj")).hasMessageContaining("task list is damaged");
    }

    @Test
    void aProviderThatDeclaresJobsWithoutAJobBackendIsNamed() {
        ImageProvider broken = new JobProvider(vendor) {
            @Override
            public ImageBackend open(ProviderConfig config) {
                return new ImageBackend() {
                    @Override
                    public ProviderResult generate(ProviderCall call) {
                        throw new AssertionError("not called");
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        ImageGenerator generator = ImageGenerator.create(broken, ProviderConfig.defaults());
        generators.add(generator);

        assertThatThrownBy(() -> generator.generate(async("fox"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares models that run as jobs").hasMessageContaining("JobBackend");
    }

    @Test
    void pollingSchedulesAreChecked() {
        assertThatThrownBy(() -> new JobPolling(Duration.ZERO, 2, Duration.ofSeconds(1)))
                .hasMessage("initialInterval must be positive but was PT0S");
        assertThatThrownBy(() -> new JobPolling(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessage("multiplier must be at least 1 but was 0.5");
        assertThatThrownBy(() -> new JobPolling(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .hasMessage("maxInterval PT1S is shorter than initialInterval PT2S");
        assertThatThrownBy(() -> ImageGenerator.builder(new JobProvider(vendor)).jobTimeout(Duration.ZERO))
                .hasMessage("jobTimeout must be positive but was PT0S");
    }

    private static String describe(ImageEvent event) {
        if (event instanceof ImageEvent.JobProgress progress) {
            return progress.state().id() + " " + progress.polls() + " " + progress.progress();
        }
        return "completed " + ((ImageEvent.Completed) event).imageIndex();
    }

    private static JobPoll pending(JobState state, @Nullable Double progress) {
        return new JobPoll.Pending(state, progress, null);
    }

    private static JobPoll ready() {
        return new JobPoll.Ready("result");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** Time that moves only when the code under test waits. */
    private static final class FakeTicker implements Ticker {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();
        volatile Duration now = Duration.ZERO;
        volatile boolean interruptOnSleep;

        @Override
        public long nanoTime() {
            return now.toNanos();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (interruptOnSleep) {
                throw new InterruptedException("stop");
            }
            sleeps.add(duration);
            now = now.plus(duration);
        }
    }

    /** The vendor's side: scripted answers per task, counted. Tasks are named after their prompts. */
    private final class Vendor {
        final Map<String, Deque<Object>> answers = new ConcurrentHashMap<>();
        final AtomicInteger submits = new AtomicInteger();
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger fetches = new AtomicInteger();
        final List<Duration> pollTimes = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        volatile boolean brokenFetch;

        void script(String task, Object... polls) {
            answers.put(task, new ArrayDeque<>(List.of(polls)));
        }

        String submit(ProviderCall call) {
            submits.incrementAndGet();
            String prompt = call.request().prompt();
            return answers.containsKey(prompt) ? prompt : prompt + "#" + call.request().seed() % 5;
        }

        JobPoll poll(String task) {
            polls.incrementAndGet();
            pollTimes.add(ticker.now);
            Deque<Object> script = answers.get(task);
            Object answer = script.size() > 1 ? script.poll() : script.peek();
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return (JobPoll) answer;
        }

        ProviderResult fetch(ImageSinks output) {
            fetches.incrementAndGet();
            ProviderResult.Builder result = ProviderResult.builder();
            try {
                for (int i = 0; i < output.count(); i++) {
                    ImageSink sink = output.newSink();
                    if (brokenFetch) {
                        sink.write(new byte[] {1, 2, 3});
                        throw new ProviderUnavailableException("connection reset", ErrorDetails.of("jobs"));
                    }
                    sink.write(FakeProvider.png(7, 2));
                    result.addImage(sink.finish());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return result.build();
        }
    }

    private static class JobProvider implements ImageProvider {
        private final Vendor vendor;

        JobProvider(Vendor vendor) {
            this.vendor = vendor;
        }

        @Override
        public String id() {
            return "jobs";
        }

        @Override
        public ModelCatalog models() {
            return ModelCatalog.of("async", List.of(ASYNC, SYNC));
        }

        @Override
        public ImageBackend open(ProviderConfig config) {
            return new JobBackend() {
                @Override
                public String submit(ProviderCall call) {
                    return vendor.submit(call);
                }

                @Override
                public JobPoll poll(String task) {
                    return vendor.poll(task);
                }

                @Override
                public ProviderResult fetch(String task, JobPoll.Ready ready, ImageSinks output) {
                    assertThat(ready.result()).isEqualTo("result");
                    return vendor.fetch(output);
                }

                @Override
                public boolean cancel(String task) {
                    vendor.cancelled.add(task);
                    return true;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
