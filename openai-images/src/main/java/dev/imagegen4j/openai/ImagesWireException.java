package dev.imagegen4j.openai;

import java.io.IOException;

/**
 * A response body that is not what the images wire describes, or that passes one of the caps on
 * what a response may hold (text besides image data, field names). Its message says what was wrong
 * and never quotes the body; a provider reports it as an unreadable response.
 */
public class ImagesWireException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With {@code message}, which says what was wrong. */
    public ImagesWireException(String message) {
        super(message);
    }

    /** With {@code message} and the failure that revealed it. */
    public ImagesWireException(String message, Throwable cause) {
        super(message, cause);
    }
}
