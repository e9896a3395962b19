package dev.imagegen4j;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a generator keeps the images it receives: in memory, or as files in a directory (so that large
 * images never occupy the heap). The same for every provider; choose it on
 * {@link ImageGenerator.Builder#storage(ImageStorage)}.
 *
 * <pre>{@code
 * ImageStorage.memory()
 * ImageStorage.directory(Path.of("/var/spool/images"))   // GeneratedImage.file() is then set
 * }</pre>
 */
public sealed interface ImageStorage permits ImageStorage.Memory, ImageStorage.Directory {

    /** Images held in memory; the default. */
    static ImageStorage memory() {
        return Memory.INSTANCE;
    }

    /**
     * Images written to new files in {@code directory}, created when needed. The files belong to the
     * caller once the generation returns; those of a failed call are deleted, while a split request
     * that fails part-way keeps the images of its completed calls for
     * {@link ImageGenerationException#completedImages()}.
     */
    static ImageStorage directory(Path directory) {
        return new Directory(directory);
    }

    /** Images held in memory. */
    final class Memory implements ImageStorage {
        private static final Memory INSTANCE = new Memory();

        private Memory() {
        }

        @Override
        public String toString() {
            return "memory";
        }
    }

    /**
     * Images written as files into {@code path}.
     *
     * @param path the directory
     */
    record Directory(Path path) implements ImageStorage {
        public Directory {
            Objects.requireNonNull(path, "path");
        }
    }
}
