package dev.imagegen4j;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ImageJob#status()} learned: the job's state, how far along it is, and why it failed.
 * A job of several vendor tasks (a request split into calls) is as far as its slowest task, and
 * failed when any task failed.
 *
 * @param job the job's id
 * @param state where it stands
 * @param progress how far along, from 0 to 1, when the vendor says
 * @param failure why it ended without images, when {@link JobState#FAILED}
 */
public record JobStatus(String job, JobState state, @Nullable Double progress,
                        @Nullable ImageGenerationException failure) {

    public JobStatus {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        if ((state == JobState.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure goes with the FAILED state, and only with it");
        }
    }
}
