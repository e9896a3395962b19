package dev.imagegen4j;

/**
 * How {@link ModelSpec#validate(ImageRequest, String, ValidationOptions)} treats a request.
 *
 * @param lenient drop settings the model does not take (and map sizes it does not accept to the nearest
 *        it does), each with a {@link Warning}, instead of refusing the request
 * @param streaming the request is for {@link ImageGenerator#stream}, where partial images apply
 */
public record ValidationOptions(boolean lenient, boolean streaming) {
    /** Refuse anything the model does not take; not streaming. */
    public static final ValidationOptions STRICT = new ValidationOptions(false, false);

    /** The same options for a streaming call. */
    public ValidationOptions forStreaming() {
        return new ValidationOptions(lenient, true);
    }
}
