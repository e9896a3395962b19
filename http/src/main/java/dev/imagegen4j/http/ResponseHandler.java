package dev.imagegen4j.http;

import java.io.IOException;

/**
 * Reads one {@link Response} into a result. Called for every status; it decides what an error status
 * means and throws the {@link dev.imagegen4j.ImageGenerationException} for it, which the transport
 * retries when that exception {@link dev.imagegen4j.ImageGenerationException#isRetryable() is
 * retryable} and the status is 408, 429 or 5xx. Throw {@link MalformedResponseException} for a body that
 * breaks the wire contract; other {@link IOException}s are failures of the connection.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface ResponseHandler<T> {
    /** Reads {@code response}, on the calling thread, while the exchange's deadline runs. */
    T handle(Response response) throws IOException;
}
