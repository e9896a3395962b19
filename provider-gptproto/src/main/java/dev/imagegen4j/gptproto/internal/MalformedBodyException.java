package dev.imagegen4j.gptproto.internal;

import java.io.IOException;

/** The response body is not what the wire contract describes; becomes a ProviderResponseException. */
final class MalformedBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
        super(message);
    }

    MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
