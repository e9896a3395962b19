package dev.imagegen4j;

import dev.imagegen4j.internal.ImageAccess;
import dev.imagegen4j.internal.ImageHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One generated image: its encoded bytes, held in memory or in a file, with the format and
 * dimensions read from the bytes themselves (never from what a provider claims). Immutable and
 * thread-safe; {@link #toString()} never shows the payload.
 */
public final class GeneratedImage {
    private final ImageHeader header;
    private final long byteCount;
    // In memory the bytes stay in the chunks they arrived in, so that large images are never copied whole.
    private final List<byte[]> chunks;
    private final @Nullable Path file;
    private final @Nullable Long seed;

    static {
        // Sinks live in the SPI package and build in-memory images through this door alone.
        ImageAccess.register(GeneratedImage::ofChunks);
    }

    private GeneratedImage(ImageHeader header, long byteCount, List<byte[]> chunks, @Nullable Path file,
                           @Nullable Long seed) {
        this.header = header;
        this.byteCount = byteCount;
        this.chunks = chunks;
        this.seed = seed;
        this.file = file;
    }

    /**
     * An image held in memory; the array is copied.
     *
     * @throws IllegalArgumentException saying why, when the bytes are not a PNG, JPEG or WebP image
     */
    public static GeneratedImage ofBytes(byte[] bytes) {
        return ofChunks(List.of(bytes.clone()), bytes.length);
    }

    /** An image over chunks that the caller hands over and never touches again (an image sink's). */
    private static GeneratedImage ofChunks(List<byte[]> chunks, long byteCount) {
        try {
            return new GeneratedImage(ImageHeader.read(chunkStream(chunks)), byteCount, List.copyOf(chunks), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private static InputStream chunkStream(List<byte[]> chunks) {
        return chunks.size() == 1 ? new ByteArrayInputStream(chunks.get(0)) : new SequenceInputStream(
                Collections.enumeration(chunks.stream().map(ByteArrayInputStream::new).toList()));
    }

    /**
     * An image backed by {@code file}, which the caller owns and must leave in place while the image
     * is used. Only the header is read now.
     *
     * @throws IllegalArgumentException when the file does not hold a PNG, JPEG or WebP image
     * @throws UncheckedIOException when the file cannot be read
     */
    public static GeneratedImage ofFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            ImageHeader header = ImageHeader.read(in);
            return new GeneratedImage(header, Files.size(file), List.of(), file, null);
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

    /** Whether the header declares an alpha channel, as a mask needs; see {@link InputImage#hasAlpha()}. */
    boolean hasAlpha() {
        return header.alpha();
    }

    /** The dimensions as an {@link ImageSize}. */
    public ImageSize.Exact size() {
        return ImageSize.of(header.width(), header.height());
    }

    /**
     * The seed the provider reports it made this image with, which repeats it when sent again; empty when
     * the provider did not say.
     */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** This image with the seed its provider reported; the bytes (or the file) are shared, not copied. */
    public GeneratedImage withSeed(long seed) {
        return new GeneratedImage(header, byteCount, chunks, file, seed);
    }

    /** The length of the encoded image in bytes. */
    public long byteCount() {
        return byteCount;
    }

    /** The file that holds the bytes, for an image made with {@link #ofFile(Path)}; {@code null} otherwise. */
    public @Nullable Path file() {
        return file;
    }

    /**
     * A copy of the encoded bytes. For large file-backed images prefer {@link #openStream()} or
     * {@link #writeTo(Path, CopyOption...)}.
     *
     * @throws UncheckedIOException when a backing file cannot be read
     */
    public byte[] bytes() {
        if (file == null) {
            byte[] copy = new byte[Math.toIntExact(byteCount)];
            int offset = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, copy, offset, chunk.length);
                offset += chunk.length;
            }
            return copy;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image file " + file, e);
        }
    }

    /** A new stream over the encoded bytes; the caller closes it. */
    public InputStream openStream() throws IOException {
        return file == null ? chunkStream(chunks) : Files.newInputStream(file);
    }

    /**
     * Writes the image to {@code target} atomically: the bytes go to a temporary file in the same
     * directory, which is then renamed, so readers never see a half-written file and a failure leaves
     * nothing behind. Like {@link Files#copy(Path, Path, CopyOption...)}, an existing {@code target} is
     * kept and the call fails unless {@link StandardCopyOption#REPLACE_EXISTING} is given. Missing
     * parent directories are created.
     *
     * @return {@code target}
     * @throws FileAlreadyExistsException when {@code target} exists and replacing was not asked for
     * @throws IOException when writing fails
     */
    public Path writeTo(Path target, CopyOption... options) throws IOException {
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (!replace && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "not replaced; pass REPLACE_EXISTING to replace it");
        }
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".part");
        try {
            try (InputStream in = openStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            if (replace) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // Without ATOMIC_MOVE the JDK refuses an existing target instead of silently replacing it.
                Files.move(temporary, target);
            }
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public String toString() {
        return "GeneratedImage[" + header.format().mimeType() + " " + header.width() + "x" + header.height() + ", "
                + byteCount + " bytes" + (file == null ? "" : ", file " + file) + (seed == null ? "" : ", seed " + seed)
                + "]";
    }
}
