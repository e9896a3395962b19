package dev.imagegen4j.spi;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.internal.ImageAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects the encoded bytes of one image as a provider decodes them, in memory or straight into a
 * file, and turns them into a {@link GeneratedImage}. Providers get their sinks from
 * {@link ProviderCall#newSink()}, which follows the caller's storage choice. In memory the bytes are kept in the chunks they
 * were written in, so an image costs its size once, never a second whole copy. Not thread-safe.
 *
 * <pre>{@code
 * try (ImageSink sink = ImageSink.inMemory()) {
 *     decoder.decodeTo(sink);
 *     return sink.finish();
 * }
 * }</pre>
 *
 * <p>Closing a sink that was not {@link #finish() finished} discards it, deleting its file: a failed
 * download leaves nothing behind.
 */
public final class ImageSink extends OutputStream {
    // Small: a small response's image is tens of bytes, and allocating (zeroing) 8 KiB for it showed in its profile.
    private static final int FIRST_CHUNK = 1024;
    // Below half of G1's smallest region (1 MiB), so chunks never count as humongous objects, which
    // take whole regions each and nearly doubled the heap an image needed at small -Xmx.
    private static final int LARGEST_CHUNK = 256 * 1024;

    private final @Nullable Path file;
    private final @Nullable OutputStream fileOut;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte @Nullable [] current;
    private int used;
    private long count;
    private boolean done;

    private ImageSink(@Nullable Path file, @Nullable OutputStream fileOut) {
        this.file = file;
        this.fileOut = fileOut;
    }

    /** A sink that keeps the bytes in memory. */
    public static ImageSink inMemory() {
        return new ImageSink(null, null);
    }

    /**
     * A sink that writes the bytes to {@code file}, creating or truncating it; the finished image is
     * backed by the file, which then belongs to the caller.
     *
     * @throws IOException when the file cannot be opened
     */
    public static ImageSink toFile(Path file) throws IOException {
        return new ImageSink(file, Files.newOutputStream(file));
    }

    /** The number of bytes written so far. */
    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (done) {
            throw new IOException("the image sink is already finished or discarded");
        }
        count += length;
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
            return;
        }
        while (length > 0) {
            if (current == null || used == current.length) {
                // Chunks grow with the image so small images waste little and large ones need few chunks.
                current = new byte[current == null ? FIRST_CHUNK : Math.min(LARGEST_CHUNK, current.length * 2)];
                chunks.add(current);
                used = 0;
            }
            int step = Math.min(length, current.length - used);
            System.arraycopy(bytes, offset, current, used, step);
            used += step;
            offset += step;
            length -= step;
        }
    }

    /**
     * Completes the image and closes the sink.
     *
     * @throws IllegalArgumentException when the bytes are not a PNG, JPEG or WebP image; the sink is discarded
     * @throws IOException when the file cannot be completed; the sink is discarded
     */
    public GeneratedImage finish() throws IOException {
        if (done) {
            throw new IllegalStateException("the image sink is already finished or discarded");
        }
        try {
            GeneratedImage image;
            if (file != null) {
                Objects.requireNonNull(fileOut).close();
                image = GeneratedImage.ofFile(file);
            } else {
                if (current != null && used < current.length) {
                    chunks.set(chunks.size() - 1, Arrays.copyOf(current, used));
                }
                image = ImageAccess.ofChunks(chunks, count);
            }
            done = true;
            return image;
        } finally {
            if (!done) {
                close();
            }
        }
    }

    /** Discards an unfinished sink, deleting its file; does nothing after {@link #finish()}. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        chunks.clear();
        if (file != null) {
            try {
                Objects.requireNonNull(fileOut).close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
