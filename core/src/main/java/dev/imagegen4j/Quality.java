package dev.imagegen4j;

import dev.imagegen4j.internal.WireNames;

/**
 * Rendering quality ({@code quality} on the wire). Higher quality costs more output tokens and time.
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

    private final String wireName;

    Quality(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the wire spells it, such as {@code "auto"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant for a wire name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static Quality fromWireName(String text) {
        return WireNames.parse(Quality.class, Quality::wireName, "quality", text);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
