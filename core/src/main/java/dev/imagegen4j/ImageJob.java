package dev.imagegen4j;

import dev.imagegen4j.spi.JobPoll;
import dev.imagegen4j.spi.ProviderResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A generation the vendor holds while it runs, made by {@link ImageGenerator#submit} or found again
 * by {@link ImageGenerator#job(String)}. The handle is cheap: its {@link #id()} is all another process
 * needs to re-attach, and polling or waiting never submits anything again, so nothing is paid twice.
 * Its images go to the storage of the generator it came from. Thread-safe.
 *
 * <pre>{@code
 * ImageJob job = generator.submit(request);
 * store(job.id());                                  // survives a restart
 * // later, perhaps in another process:
 * ImageResponse response = generator.job(storedId).await(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ImageJob {
    private final ImageGenerator.Jobs jobs;
    private final JobId id;
    private final @Nullable ImageRequest request;
    private final List<Warning> warnings;

    ImageJob(ImageGenerator.Jobs jobs, JobId id, @Nullable ImageRequest request, List<Warning> warnings) {
        this.jobs = jobs;
        this.id = id;
        this.request = request;
        this.warnings = List.copyOf(warnings);
    }

    /** The job's id, which {@link ImageGenerator#job(String)} re-attaches to, in this process or another. */
    public String id() {
        return id.toString();
    }

    /** The provider that runs the job. */
    public String providerId() {
        return id.providerId();
    }

    /** The model it was submitted to. */
    public String model() {
        return id.model();
    }

    /** How many images it makes. */
    public int count() {
        return id.count();
    }

    /**
     * What validation remarked when the job was submitted (settings dropped in lenient mode, a size
     * mapped); the response of {@link #await} carries them too. Empty for a re-attached job.
     */
    public List<Warning> warnings() {
        return warnings;
    }

    /**
     * Asks the vendor once how the job is doing (one poll per task), without fetching its images.
     *
     * @throws ImageGenerationException when the poll itself fails
     */
    public JobStatus status() {
        List<JobPoll> polls = new ArrayList<>();
        for (JobId.Task task : id.tasks()) {
            JobPoll poll = jobs.poll(id, task);
            if (poll instanceof JobPoll.Failed failed) {
                failed.failure().jobId(id());
                return new JobStatus(id(), JobState.FAILED, null, failed.failure());
            }
            polls.add(poll);
        }
        return summarize(id(), polls);
    }

    /**
     * Waits for the job up to the generator's {@link ImageGenerator.Builder#jobTimeout job timeout}.
     *
     * @see #await(Duration, Consumer)
     */
    public ImageResponse await() {
        return jobs.await(id, request, jobs.timeout(), null, warnings);
    }

    /**
     * Waits up to {@code timeout} for the job.
     *
     * @see #await(Duration, Consumer)
     */
    public ImageResponse await(Duration timeout) {
        return jobs.await(id, request, timeout, null, warnings);
    }

    /**
     * Polls the job on the generator's {@link JobPolling schedule} (the first poll at once) until it
     * is done or {@code timeout} has passed, handing {@code listener} an {@link ImageEvent.JobProgress}
     * after every poll and an {@link ImageEvent.Completed} for every image, and returns the images. A
     * poll that fails on the way (after the transport retried it as its rules allow) is made again
     * at the next turn while its failure is retryable; nothing is ever submitted again. Awaiting a
     * job twice fetches its images twice, while the vendor still has them.
     *
     * @throws GenerationTimeoutException when the job is not done in time; it goes on at the vendor,
     *         and awaiting it again later may succeed
     * @throws ContentPolicyException when the vendor moderated the prompt or the image
     * @throws JobNotFoundException when the vendor does not know the job (never existed, or expired)
     * @throws GenerationCancelledException when the calling thread is interrupted; the job goes on
     * @throws ImageGenerationException for every other failure; each names the job in
     *         {@link ImageGenerationException#jobId()}, and a job of several tasks that fails part-way
     *         has the images of the tasks that finished in {@link ImageGenerationException#completedImages()}
     */
    public ImageResponse await(Duration timeout, Consumer<? super ImageEvent> listener) {
        return jobs.await(id, request, timeout, Objects.requireNonNull(listener, "listener"), warnings);
    }

    /**
     * Asks the vendor to stop the job, where it offers that.
     *
     * @return {@code false} when the vendor offers no way to cancel a job
     * @throws ImageGenerationException when the vendor refuses or cannot be reached
     */
    public boolean cancel() {
        boolean cancelled = true;
        for (JobId.Task task : id.tasks()) {
            cancelled &= jobs.backend().cancel(task.handle());
        }
        return cancelled;
    }

    @Override
    public String toString() {
        return "ImageJob[" + id + "]";
    }

    /**
     * The state of a job from the last poll of each of its tasks ({@code null} for a task not polled
     * successfully yet): ready when every task is, queued while none has started, else running.
     */
    static JobStatus summarize(String job, List<@Nullable JobPoll> polls) {
        boolean allReady = true;
        boolean started = false;
        boolean progressKnown = true;
        double progress = 0;
        for (JobPoll poll : polls) {
            if (poll instanceof JobPoll.Ready) {
                started = true;
                progress += 1;
            } else {
                allReady = false;
                JobPoll.Pending pending = poll instanceof JobPoll.Pending p ? p : null;
                started |= pending != null && pending.state() == JobState.RUNNING;
                if (pending == null || pending.progress() == null) {
                    progressKnown = false;
                } else {
                    progress += pending.progress();
                }
            }
        }
        if (allReady) {
            return new JobStatus(job, JobState.READY, 1.0, null);
        }
        return new JobStatus(job, started ? JobState.RUNNING : JobState.QUEUED,
                progressKnown ? progress / polls.size() : null, null);
    }

    /** The images of the tasks that finished, for the exception of a job that failed part-way. */
    static List<GeneratedImage> images(@Nullable ProviderResult[] results) {
        List<GeneratedImage> images = new ArrayList<>();
        for (ProviderResult result : results) {
            if (result != null) {
                images.addAll(result.images());
            }
        }
        return images;
    }
}
