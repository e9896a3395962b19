package dev.imagegen4j.http;

import java.io.IOException;

/**
 * The response body is not what the wire contract describes, or is larger than a cap; the transport
 * reports it as a {@link dev.imagegen4j.ProviderResponseException} with this message, redacted.
 */
public class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With {@code message}, which says what was wrong and never quotes a secret. */
    public MalformedResponseException(String message) {
        super(message);
    }

    /** With {@code message} and the failure that revealed it. */
    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
