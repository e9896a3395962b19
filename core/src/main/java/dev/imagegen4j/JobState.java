package dev.imagegen4j;

import java.util.Locale;

/** Where a job stands at its vendor. */
public enum JobState {
    /** Accepted, waiting for its turn. */
    QUEUED,
    /** Being generated. */
    RUNNING,
    /** Done: its images can be fetched. */
    READY,
    /** Ended without images (moderated, failed, expired or cancelled); polling again will not help. */
    FAILED;

    /** The lowercase name used in JSON and on the command line, such as {@code queued}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job will not change any more. */
    public boolean isFinal() {
        return this == READY || this == FAILED;
    }
}
