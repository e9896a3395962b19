package dev.imagegen4j;

import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ImageSinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The sinks of one call or job task, in the generator's storage, and the files they wrote. */
class StoredSinks implements ImageSinks {
    private final String providerId;
    private final int count;
    private final ImageStorage storage;
    private final List<ImageSink> sinks = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    StoredSinks(String providerId, int count, ImageStorage storage) {
        this.providerId = providerId;
        this.count = count;
        this.storage = storage;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public synchronized ImageSink newSink() throws IOException {
        ImageSink sink;
        if (storage instanceof ImageStorage.Directory directory) {
            // createFile, not createTempFile: the file often becomes the user's image by a rename, so it
            // gets ordinary permissions rather than owner-only ones.
            Path file = Files.createFile(Files.createDirectories(directory.path())
                    .resolve(providerId + "-" + UUID.randomUUID() + ".img"));
            files.add(file);
            sink = ImageSink.toFile(file);
        } else {
            sink = ImageSink.inMemory();
        }
        sinks.add(sink);
        return sink;
    }

    /** After a failure: discards unfinished sinks and deletes every file written. */
    synchronized void discard() {
        for (ImageSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException | RuntimeException e) {
                // The call's own failure is what the caller needs; a sink that cannot be discarded adds nothing.
            }
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // As above.
            }
        }
    }
}
