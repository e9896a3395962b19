package dev.imagegen4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image given to a model, as a reference to edit or transform, or as a mask: encoded bytes in
 * memory or a file, with the format and dimensions read from the bytes when it is made. Immutable;
 * {@link #toString()} never shows the payload.
 *
 * <pre>{@code
 * InputImage photo = InputImage.of(Path.of("photo.png"));      // only the header is read now
 * InputImage mask = InputImage.of(maskBytes);                  // the array is copied
 * InputImage again = InputImage.of(response.image());          // a generated image, edited further
 * }</pre>
 */
public final class InputImage {
    private final GeneratedImage image;

    private InputImage(GeneratedImage image) {
        this.image = image;
    }

    /**
     * An image from encoded bytes; the array is copied.
     *
     * @throws IllegalArgumentException saying why, when the bytes are not a PNG, JPEG or WebP image
     */
    public static InputImage of(byte[] bytes) {
        return new InputImage(GeneratedImage.ofBytes(bytes));
    }

    /**
     * An image read from {@code file} whenever it is sent; only its header is read now, so the file
     * must stay in place until the request is done.
     *
     * @throws IllegalArgumentException naming the file when it is not a PNG, JPEG or WebP image
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static InputImage of(Path file) {
        return new InputImage(GeneratedImage.ofFile(Objects.requireNonNull(file, "file")));
    }

    /** A generated image, to edit it further; its bytes (or file) are shared, not copied. */
    public static InputImage of(GeneratedImage image) {
        return new InputImage(Objects.requireNonNull(image, "image"));
    }

    /** The encoding of the bytes. */
    public ImageFormat format() {
        return image.format();
    }

    /** The width in pixels, from the image header. */
    public int width() {
        return image.width();
    }

    /** The height in pixels, from the image header. */
    public int height() {
        return image.height();
    }

    /** The length of the encoded image in bytes. */
    public long byteCount() {
        return image.byteCount();
    }

    /** The file the bytes are read from, or {@code null} for an image in memory. */
    public @Nullable Path file() {
        return image.file();
    }

    /**
     * Whether the image carries an alpha channel, as its header declares it (a PNG colour type with
     * alpha or a tRNS chunk, a WebP alpha flag); JPEG never does.
     */
    public boolean hasAlpha() {
        return image.hasAlpha();
    }

    /** A new stream over the encoded bytes; the caller closes it. */
    public InputStream openStream() throws IOException {
        return image.openStream();
    }

    /**
     * A file name for the image when a wire needs one: the file's own name, or {@code image.<ext>}.
     */
    public String fileName() {
        Path file = image.file();
        return file != null && file.getFileName() != null ? file.getFileName().toString()
                : "image." + image.format().extension();
    }

    @Override
    public String toString() {
        Path file = image.file();
        return "InputImage[" + image.format().mimeType() + " " + image.width() + "x" + image.height() + ", "
                + image.byteCount() + " bytes" + (file == null ? "" : ", file " + file) + "]";
    }
}
