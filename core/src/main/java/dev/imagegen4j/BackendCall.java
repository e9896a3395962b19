package dev.imagegen4j;

import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Core's side of one provider call: what the backend reads, and the sinks it opened. */
final class BackendCall implements ProviderCall {
    private final String providerId;
    private final ImageRequest request;
    private final ModelSpec spec;
    private final boolean streaming;
    private final @Nullable Consumer<? super ImageEvent> listener;
    private final int offset;
    private final ImageStorage storage;
    private final List<ImageSink> sinks = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    BackendCall(String providerId, ImageRequest request, ModelSpec spec, boolean streaming,
         @Nullable Consumer<? super ImageEvent> listener, int offset, ImageStorage storage) {
        this.providerId = providerId;
        this.request = request;
        this.spec = spec;
        this.streaming = streaming;
        this.listener = listener;
        this.offset = offset;
        this.storage = storage;
    }

    @Override
    public ImageRequest request() {
        return request;
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public int count() {
        return request.count() == null ? 1 : request.count();
    }

    @Override
    public boolean streaming() {
        return streaming;
    }

    @Override
    public Map<String, Object> extras() {
        return request.extras(providerId);
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

    @Override
    public void emit(ImageEvent event) {
        if (listener == null) {
            return;
        }
        if (offset != 0 && event instanceof ImageEvent.PartialImage partial) {
            event = new ImageEvent.PartialImage(partial.imageIndex() + offset, partial.partialIndex(), partial.image());
        } else if (offset != 0 && event instanceof ImageEvent.Completed completed) {
            event = new ImageEvent.Completed(completed.imageIndex() + offset, completed.image());
        }
        listener.accept(event);
    }

    /** After a failed call: discards unfinished sinks and deletes every file the call wrote. */
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
