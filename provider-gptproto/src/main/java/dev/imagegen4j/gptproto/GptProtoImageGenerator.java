package dev.imagegen4j.gptproto;

import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.gptproto.internal.GptProtoClient;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The gptproto provider's generator: validates each request against the shared model catalog,
 * posts it, retries what may be retried, and decodes the images while they arrive. Thread-safe;
 * one pooled HTTP client per generator, released by {@link #close()}.
 *
 * <p>Retries follow the shared transport's policy ({@link dev.imagegen4j.http.HttpTransport}): after
 * a 429 rate limit, a 408 or 5xx, or a connection that failed before the request was written whole.
 * Never after a 400, 401 or 403, a quota 429, a connection failure or timeout once the request was
 * sent (unless {@code retry-after-send} is true), or a failure mid-response, since each attempt of a
 * generation may be billed. Cancelling a {@link #generateAsync} future or interrupting the calling
 * thread aborts the exchange.
 */
public final class GptProtoImageGenerator implements ImageGenerator {
    private final ModelCatalog catalog;
    private final GptProtoClient client;

    GptProtoImageGenerator(ModelCatalog catalog, GptProtoClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    @Override
    public ImageResponse generate(ImageRequest request) {
        return send(request, null);
    }

    @Override
    public ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        return send(request.toBuilder().stream(true).build(), listener);
    }

    private ImageResponse send(ImageRequest request, @Nullable Consumer<? super ImageEvent> listener) {
        // Through the catalog, which reports a blank model id as a violation rather than failing on it.
        List<String> warnings = catalog.validate(request).throwIfInvalid(GptProtoImageProvider.ID);
        return client.send(request, catalog.specFor(request.model()).id(), listener).addWarnings(warnings).build();
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        client.close();
    }
}
