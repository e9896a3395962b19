package dev.imagegen4j;

import dev.imagegen4j.internal.EnumNames;

/**
 * Strictness of the provider's content moderation.
 */
public enum Moderation {
    /** The provider's default filtering. */
    AUTO("auto"),
    /** Less restrictive filtering. */
    LOW("low");

    private final String id;

    Moderation(String id) {
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
    public static Moderation parse(String text) {
        return EnumNames.parse(Moderation.class, Moderation::id, "moderation", text);
    }

    @Override
    public String toString() {
        return id;
    }
}
