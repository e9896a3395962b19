package dev.imagegen4j.spi;

import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.JobState;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What one {@link JobBackend#poll} learned about a task. */
public sealed interface JobPoll permits JobPoll.Pending, JobPoll.Ready, JobPoll.Failed {

    /**
     * Not finished yet.
     *
     * @param state {@link JobState#QUEUED} or {@link JobState#RUNNING}
     * @param progress how far along, from 0 to 1, when the vendor says
     * @param retryAfter how long the vendor asked to wait before the next poll, when it did
     */
    record Pending(JobState state, @Nullable Double progress, @Nullable Duration retryAfter) implements JobPoll {
        public Pending {
            if (state != JobState.QUEUED && state != JobState.RUNNING) {
                throw new IllegalArgumentException("a pending task is queued or running, not " + state);
            }
            if (progress != null && !(progress >= 0 && progress <= 1)) {
                throw new IllegalArgumentException("progress must be between 0 and 1 but was " + progress);
            }
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative but was " + retryAfter);
            }
        }
    }

    /**
     * Finished with images, which {@link JobBackend#fetch} downloads.
     *
     * @param result what the backend needs to fetch them (such as the signed result URL), or
     *        {@code null} when it finds them from the task alone
     */
    record Ready(@Nullable Object result) implements JobPoll {
    }

    /**
     * Ended without images, for good: polling again will not help.
     *
     * @param failure what happened, as the subtype that tells the caller what to do
     */
    record Failed(ImageGenerationException failure) implements JobPoll {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
