package dev.imagegen4j.mock;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.mock.internal.MockPlan;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.JobState;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ImageSinks;
import dev.imagegen4j.spi.JobBackend;
import dev.imagegen4j.spi.JobPoll;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The mock provider's backend: draws each image of a call, writes it into the caller's storage, and
 * applies the latency and faults its {@link MockBehavior} scripts; runs the jobs of {@code mock-async},
 * whose whole state travels in their task handles. Thread-safe; holds no resources.
 */
final class MockBackend implements JobBackend {
    private final MockBehavior behavior;
    private final AtomicLong requests = new AtomicLong();
    // Cancellation is the one piece of job state a handle cannot carry; it lasts as long as this backend.
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    MockBackend(MockBehavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public ProviderResult generate(ProviderCall call) {
        String requestId = nextRequestId();
        awaitLatencyAndFaults(requestId);
        MockPlan plan = MockPlan.of(call.request(), MockImageProvider.ID, call.count(), call.streaming(),
                !MockImageProvider.BILLED_PER_IMAGE.contains(call.model().id()));
        ProviderResult.Builder result = ProviderResult.builder()
                .created(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .size(plan.size().text())
                .quality(call.model().qualities().isEmpty() ? null : plan.quality().id())
                .background(plan.backgroundName())
                .outputFormat(plan.formatName())
                .usage(plan.usage())
                .requestId(requestId);
        for (int index = 0; index < plan.count(); index++) {
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled(requestId, null);
            }
            for (int partial = 0; partial < plan.partialImages(); partial++) {
                call.emit(new ImageEvent.PartialImage(index, partial,
                        GeneratedImage.ofBytes(plan.renderPartial(index, partial))));
            }
            GeneratedImage image = store(call, plan.render(index), requestId);
            call.emit(new ImageEvent.Completed(index, image));
            result.addImage(image);
        }
        return result.build();
    }

    @Override
    public String submit(ProviderCall call) {
        String requestId = nextRequestId();
        awaitLatencyAndFaults(requestId);
        MockPlan plan = MockPlan.of(call.request(), MockImageProvider.ID, call.count(), false, false);
        return new MockJob(plan, System.currentTimeMillis(), behavior.jobTime().toMillis(), behavior.jobOutcome())
                .handle();
    }

    @Override
    public JobPoll poll(String task) {
        String requestId = nextRequestId();
        awaitLatencyAndFaults(requestId);
        ErrorDetails details = ErrorDetails.of(MockImageProvider.ID).withRequestId(requestId);
        MockJob job = MockJob.parse(task).orElse(null);
        if (job == null) {
            return new JobPoll.Failed(new JobNotFoundException("The mock knows no task '" + task + "'", details, null));
        }
        if (cancelled.contains(task)) {
            return new JobPoll.Failed(new GenerationCancelledException("The mock job was cancelled", details, null));
        }
        long elapsed = System.currentTimeMillis() - job.submittedAtMillis();
        if (elapsed < job.durationMillis()) {
            double progress = (double) Math.max(elapsed, 0) / job.durationMillis();
            return new JobPoll.Pending(progress < 0.5 ? JobState.QUEUED : JobState.RUNNING, progress, null);
        }
        return switch (job.outcome()) {
            case READY -> new JobPoll.Ready(job);
            case ERROR -> new JobPoll.Failed(new ProviderUnavailableException("The mock job failed (job-outcome error)",
                    details, null, false));
            case MODERATED -> new JobPoll.Failed(new ContentPolicyException(
                    "The mock moderated the job's image (job-outcome moderated)", details));
            case EXPIRED -> new JobPoll.Failed(new JobNotFoundException("The mock's task has expired (job-outcome expired)",
                    details, null));
        };
    }

    @Override
    public ProviderResult fetch(String task, JobPoll.Ready ready, ImageSinks output) {
        String requestId = nextRequestId();
        awaitLatencyAndFaults(requestId);
        MockPlan plan = ((MockJob) Objects.requireNonNull(ready.result(), "the mock's ready poll carries its job")).plan();
        ProviderResult.Builder result = ProviderResult.builder()
                .created(Instant.ofEpochMilli(((MockJob) ready.result()).submittedAtMillis()).truncatedTo(ChronoUnit.SECONDS))
                .size(plan.size().text())
                .outputFormat(plan.formatName())
                .requestId(requestId);
        for (int index = 0; index < output.count(); index++) {
            result.addImage(store(output, plan.render(index), requestId));
        }
        return result.build();
    }

    @Override
    public boolean cancel(String task) {
        cancelled.add(task);
        return true;
    }

    private String nextRequestId() {
        return String.format(Locale.ROOT, "req_mock_%08d", requests.incrementAndGet());
    }

    private static GeneratedImage store(ImageSinks call, byte[] bytes, String requestId) {
        try (ImageSink sink = call.newSink()) {
            sink.write(bytes);
            return sink.finish();
        } catch (IOException e) {
            throw new ProviderResponseException("Cannot store the mock image: " + e.getMessage(),
                    ErrorDetails.of(MockImageProvider.ID).withRequestId(requestId), e);
        }
    }

    private void awaitLatencyAndFaults(String requestId) {
        Duration latency = behavior.latency();
        Duration timeout = behavior.timeout();
        MockFault fault = behavior.takeFault();
        boolean timesOut = latency.compareTo(timeout) > 0;
        try {
            Thread.sleep(timesOut ? timeout.toMillis() : latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(requestId, e);
        }
        if (timesOut) {
            fault = MockFault.TIMEOUT;
        }
        if (fault != null) {
            throw fault.toException(requestId, behavior.retryAfter(), timeout);
        }
    }

    private static GenerationCancelledException cancelled(String requestId, @Nullable Throwable cause) {
        return new GenerationCancelledException("The mock generation was interrupted",
                ErrorDetails.of(MockImageProvider.ID).withRequestId(requestId), cause);
    }

    /** Holds nothing to release. */
    @Override
    public void close() {
    }
}
