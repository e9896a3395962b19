package dev.imagegen4j;

import dev.imagegen4j.internal.WireNames;
import org.jspecify.annotations.Nullable;

/**
 * The encoding the provider is asked to produce ({@code output_format} on the wire). The format of
 * the bytes actually received is {@link GeneratedImage#format()}.
 */
public enum OutputFormat {
    /** The provider chooses. */
    AUTO("auto"),
    /** Lossless, supports transparency. */
    PNG("png"),
    /** Lossy and fastest; supports {@code output_compression}. */
    JPEG("jpeg"),
    /** Lossy or lossless; supports transparency and {@code output_compression}. */
    WEBP("webp");

    private final String wireName;

    OutputFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The value as the wire spells it, such as {@code "png"}. */
    public String wireName() {
        return wireName;
    }

    /** The encoding this asks for; {@code null} for {@link #AUTO}, which leaves it to the provider. */
    public @Nullable ImageFormat imageFormat() {
        return switch (this) {
            case PNG -> ImageFormat.PNG;
            case JPEG -> ImageFormat.JPEG;
            case WEBP -> ImageFormat.WEBP;
            case AUTO -> null;
        };
    }

    /**
     * The constant for a wire name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static OutputFormat fromWireName(String text) {
        return WireNames.parse(OutputFormat.class, OutputFormat::wireName, "output_format", text);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
