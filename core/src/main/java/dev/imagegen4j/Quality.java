package dev.imagegen4j;

import dev.imagegen4j.internal.EnumNames;

/**
 * Rendering quality. Higher quality costs more output tokens and time.
 */
public enum Quality {
    /** The model chooses. */
    AUTO("auto"),
    /** Fastest and cheapest. */
    LOW("low"),
    /** Balanced. */
    MEDIUM("medium"),
    /** Most detailed. */
    HIGH("high");

    private final String id;

    Quality(String id) {
        this.id = id;
    }

    /** The lowercase name used in text, configuration and the CLI, such as {@code "auto"}. */
    public String id() {
        return id;
    }

    /**
     * The constant whose {@link #id()} is {@code text}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static Quality parse(String text) {
        return EnumNames.parse(Quality.class, Quality::id, "quality", text);
    }

    @Override
    public String toString() {
        return id;
    }
}
