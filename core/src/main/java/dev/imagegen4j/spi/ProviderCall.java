package dev.imagegen4j.spi;

import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ModelSpec;
import java.util.Map;

/**
 * One call of a provider, as core hands it over: a request that is already valid for its model. Core
 * makes these; providers only read them. Not thread-safe beyond what its methods say.
 */
public interface ProviderCall extends ImageSinks {

    /**
     * The request to send: checked against {@link #model()}, with its model id set, its size mapped to
     * one the model takes, settings dropped in lenient mode removed, and at most
     * {@link ModelSpec#maxImagesPerCall()} images. Send what is set and nothing that is not.
     */
    ImageRequest request();

    /** The spec the request was checked against. */
    ModelSpec model();

    /** How many images this call must make: the request's count, or 1 when it is unset. */
    @Override
    int count();

    /** Whether the caller streams: partial images (if asked for) and completed ones go to {@link #emit}. */
    boolean streaming();

    /** This provider's extras from the request, already checked against the model's declarations. */
    Map<String, Object> extras();

    /**
     * Hands an event to the caller's listener, with image indexes counted within this call (core
     * renumbers them across a split request). Does nothing when the caller does not stream. A listener
     * that throws stops the call: let its exception propagate.
     */
    void emit(ImageEvent event);
}
