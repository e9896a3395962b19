package dev.imagegen4j.mock;

import dev.imagegen4j.internal.EnumNames;

/**
 * How a job of the mock's {@code mock-async} model ends once its {@link MockBehavior#jobTime job time}
 * has passed, so that applications can test every ending of a job offline.
 */
public enum MockJobOutcome {
    /** Its images are ready. */
    READY("ready"),
    /** The vendor failed it: {@link dev.imagegen4j.ProviderUnavailableException}. */
    ERROR("error"),
    /** The vendor moderated it: {@link dev.imagegen4j.ContentPolicyException}. */
    MODERATED("moderated"),
    /** The vendor no longer knows it: {@link dev.imagegen4j.JobNotFoundException}. */
    EXPIRED("expired");

    private final String id;

    MockJobOutcome(String id) {
        this.id = id;
    }

    /** The name used in settings, such as {@code moderated}. */
    public String id() {
        return id;
    }

    /**
     * The outcome named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static MockJobOutcome parse(String text) {
        return EnumNames.parse(MockJobOutcome.class, MockJobOutcome::id, "job-outcome", text);
    }
}
