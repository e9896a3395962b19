package dev.imagegen4j;

import dev.imagegen4j.internal.EnumNames;

/**
 * Background of the generated image.
 */
public enum Background {
    /** The model chooses. */
    AUTO("auto"),
    /** A filled background. */
    OPAQUE("opaque"),
    /** An alpha channel; needs a model that supports it and PNG or WebP output. */
    TRANSPARENT("transparent");

    private final String id;

    Background(String id) {
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
    public static Background parse(String text) {
        return EnumNames.parse(Background.class, Background::id, "background", text);
    }

    @Override
    public String toString() {
        return id;
    }
}
