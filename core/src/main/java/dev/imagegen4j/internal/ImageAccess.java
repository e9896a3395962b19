package dev.imagegen4j.internal;

import dev.imagegen4j.GeneratedImage;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one way to make a {@link GeneratedImage} over chunks without copying them, for the image sinks of
 * the SPI package; not API. {@code GeneratedImage} registers its factory when it is initialised, as the
 * JDK's own cross-package "shared secrets" do.
 */
public final class ImageAccess {
    /** Makes an image over chunks that the caller hands over and never touches again. */
    @FunctionalInterface
    public interface ChunkedImages {
        GeneratedImage ofChunks(List<byte[]> chunks, long byteCount);
    }

    private static volatile @Nullable ChunkedImages factory;

    private ImageAccess() {
    }

    /** Called once, by {@code GeneratedImage}'s static initialiser. */
    public static void register(ChunkedImages images) {
        factory = Objects.requireNonNull(images, "images");
    }

    /** An image over {@code chunks}, which the caller never touches again. */
    public static GeneratedImage ofChunks(List<byte[]> chunks, long byteCount) {
        ChunkedImages images = factory;
        if (images == null) {
            try {
                Class.forName(GeneratedImage.class.getName(), true, GeneratedImage.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("GeneratedImage is not loadable from its own class loader", e);
            }
            images = Objects.requireNonNull(factory, "GeneratedImage registered no factory");
        }
        return images.ofChunks(chunks, byteCount);
    }
}
