package dev.imagegen4j;

import dev.imagegen4j.internal.WireNames;

/**
 * Strictness of the provider's content moderation ({@code moderation} on the wire).
 */
public enum Moderation {
    /** The provider's default filtering. */
    AUTO("auto"),
    /** Less restrictive filtering. */
    LOW("low");

    private final String wireName;

    Moderation(String wireName) {
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
    public static Moderation fromWireName(String text) {
        return WireNames.parse(Moderation.class, Moderation::wireName, "moderation", text);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
