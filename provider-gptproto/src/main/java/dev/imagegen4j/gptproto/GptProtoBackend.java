package dev.imagegen4j.gptproto;

import dev.imagegen4j.gptproto.internal.GptProtoClient;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;

/**
 * The gptproto provider's backend: posts each valid call, retries what may be retried, and decodes the
 * images into the call's storage while they arrive. Thread-safe; one pooled HTTP client, released by
 * {@link #close()}.
 *
 * <p>Retries (up to {@code max-retries}, with exponential backoff and jitter, honouring
 * {@code retry-after-ms} and {@code retry-after}) happen only when no response body was read: after a
 * 429 rate limit, a 5xx, or a failure to connect. Never after a 400, 401 or 403, a quota 429, a
 * timeout while the image was being generated, or a failure mid-response, since each attempt of a
 * generation may be billed.
 */
final class GptProtoBackend implements ImageBackend {
    private final GptProtoClient client;

    GptProtoBackend(GptProtoClient client) {
        this.client = client;
    }

    @Override
    public ProviderResult generate(ProviderCall call) {
        return client.send(call);
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        client.close();
    }
}
