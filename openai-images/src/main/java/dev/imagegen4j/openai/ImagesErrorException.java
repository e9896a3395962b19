package dev.imagegen4j.openai;

import java.io.IOException;

/**
 * An error envelope found where images were expected: inside a 200 JSON response, or as an event of
 * a stream. The provider maps {@link #error()} to its exception type; spool files of the response
 * are already deleted.
 */
public final class ImagesErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ImagesError error;

    ImagesErrorException(ImagesError error) {
        super("the provider reported an error in its response");
        this.error = error;
    }

    /** What the envelope said. */
    public ImagesError error() {
        return error;
    }
}
