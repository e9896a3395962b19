package dev.imagegen4j;

import dev.imagegen4j.spi.ProviderCall;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Core's side of one provider call: what the backend reads, and the sinks it opened. */
final class BackendCall extends StoredSinks implements ProviderCall {
    private final String providerId;
    private final ImageRequest request;
    private final ModelSpec spec;
    private final boolean streaming;
    private final @Nullable Consumer<? super ImageEvent> listener;
    private final int offset;

    BackendCall(String providerId, ImageRequest request, ModelSpec spec, boolean streaming,
         @Nullable Consumer<? super ImageEvent> listener, int offset, ImageStorage storage) {
        super(providerId, request.count() == null ? 1 : request.count(), storage);
        this.providerId = providerId;
        this.request = request;
        this.spec = spec;
        this.streaming = streaming;
        this.listener = listener;
        this.offset = offset;
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
    public boolean streaming() {
        return streaming;
    }

    @Override
    public Map<String, Object> extras() {
        return request.extras(providerId);
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
}
