package dev.imagegen4j;

import dev.imagegen4j.internal.ImageHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * }</pre>
 */
public final class InputImage {
    private final ImageHeader header;
    private final long byteCount;
    private final byte @Nullable [] bytes;
    private final @Nullable Path file;

    private InputImage(ImageHeader header, long byteCount, byte @Nullable [] bytes, @Nullable Path file) {
        this.header = header;
        this.byteCount = byteCount;
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * An image from encoded bytes; the array is copied.
     *
     * @throws IllegalArgumentException saying why, when the bytes are not a PNG, JPEG or WebP image
     */
    public static InputImage of(byte[] bytes) {
        byte[] copy = bytes.clone();
        try {
            return new InputImage(ImageHeader.read(new ByteArrayInputStream(copy)), copy.length, copy, null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /**
     * An image read from {@code file} whenever it is sent; only its header is read now, so the file
     * must stay in place until the request is done.
     *
     * @throws IllegalArgumentException naming the file when it is not a PNG, JPEG or WebP image
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static InputImage of(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return new InputImage(ImageHeader.read(in), Files.size(file), null, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The encoding of the bytes. */
    public ImageFormat format() {
        return header.format();
    }

    /** The width in pixels, from the image header. */
    public int width() {
        return header.width();
    }

    /** The height in pixels, from the image header. */
    public int height() {
        return header.height();
    }

    /** The length of the encoded image in bytes. */
    public long byteCount() {
        return byteCount;
    }

    /** The file the bytes are read from, or {@code null} for an image in memory. */
    public @Nullable Path file() {
        return file;
    }

    /** Whether the image carries an alpha channel, as its header declares; see {@link ImageFormat}. */
    public boolean hasAlpha() {
        return header.alpha();
    }

    /** A new stream over the encoded bytes; the caller closes it. */
    public InputStream openStream() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(Objects.requireNonNull(file));
    }

    /**
     * A file name for the image when a wire needs one: the file's own name, or {@code image.<ext>}.
     */
    public String fileName() {
        return file != null && file.getFileName() != null ? file.getFileName().toString()
                : "image." + header.format().extension();
    }

    @Override
    public String toString() {
        return "InputImage[" + header.format().mimeType() + " " + header.width() + "x" + header.height() + ", "
                + byteCount + " bytes" + (file == null ? "" : ", file " + file) + "]";
    }
}
