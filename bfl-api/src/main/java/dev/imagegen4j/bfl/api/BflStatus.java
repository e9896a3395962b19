package dev.imagegen4j.bfl.api;

import org.jspecify.annotations.Nullable;

/** The {@code status} of a poll answer, BFL's {@code StatusResponse} enum [B1]. */
public enum BflStatus {
    /** Still queued or running. */
    PENDING("Pending"),
    /** Done: {@code result.sample} is the signed URL of the image. */
    READY("Ready"),
    /** The task failed; {@code details} may say why. */
    ERROR("Error"),
    /** The output was flagged after processing and cannot be delivered. */
    CONTENT_MODERATED("Content Moderated"),
    /** The input (prompt or image) was flagged before processing. */
    REQUEST_MODERATED("Request Moderated"),
    /** The id does not exist or has expired. */
    TASK_NOT_FOUND("Task not found");

    private final String wireName;

    BflStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The status as BFL writes it, such as {@code Content Moderated}. */
    public String wireName() {
        return wireName;
    }

    /** The status written {@code text}, or {@code null} for a status BFL does not document. */
    public static @Nullable BflStatus fromWireName(String text) {
        for (BflStatus status : values()) {
            if (status.wireName.equals(text)) {
                return status;
            }
        }
        return null;
    }
}
