package dev.imagegen4j;

import dev.imagegen4j.internal.WireNames;

/**
 * Background of the generated image ({@code background} on the wire).
 */
public enum Background {
    /** The model chooses. */
    AUTO("auto"),
    /** A filled background. */
    OPAQUE("opaque"),
    /** An alpha channel; needs a model that supports it and PNG or WebP output. */
    TRANSPARENT("transparent");

    private final String wireName;

    Background(String wireName) {
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
    public static Background fromWireName(String text) {
        return WireNames.parse(Background.class, Background::wireName, "background", text);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
