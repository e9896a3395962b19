package dev.imagegen4j;

import dev.imagegen4j.internal.EnumNames;
import org.jspecify.annotations.Nullable;

/**
 * The encoding the provider is asked to produce. The format of
 * the bytes actually received is {@link GeneratedImage#format()}.
 */
public enum OutputFormat {
    /** The provider chooses. */
    AUTO("auto"),
    /** Lossless, supports transparency. */
    PNG("png"),
    /** Lossy and fastest; supports compression. */
    JPEG("jpeg"),
    /** Lossy or lossless; supports transparency and compression. */
    WEBP("webp");

    private final String id;

    OutputFormat(String id) {
        this.id = id;
    }

    /** The lowercase name used in text, configuration and the CLI, such as {@code "png"}. */
    public String id() {
        return id;
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
     * The constant whose {@link #id()} is {@code text}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static OutputFormat parse(String text) {
        return EnumNames.parse(OutputFormat.class, OutputFormat::id, "format", text);
    }

    @Override
    public String toString() {
        return id;
    }
}
