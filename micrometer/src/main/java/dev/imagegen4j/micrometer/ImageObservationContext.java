package dev.imagegen4j.micrometer;

import dev.imagegen4j.ImageInterceptor;
import dev.imagegen4j.ImageInterceptor.Stage;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one generation, or of one provider call of it, knows: the request as the
 * interceptor saw it and, once it succeeded, the response. Conventions and handlers read it; the
 * failure, if any, is {@link #getError()}.
 */
public class ImageObservationContext extends Observation.Context {
    private final Stage stage;
    private final String providerId;
    private final String model;
    private final ImageRequest request;
    private final int part;
    private final int parts;
    private final boolean streaming;
    private volatile @Nullable ImageResponse response;

    /** The context of the generation or call that {@code chain} is about to run. */
    public ImageObservationContext(ImageInterceptor.Chain chain) {
        this.stage = chain.stage();
        this.providerId = chain.providerId();
        this.model = chain.model().id();
        this.request = chain.request();
        this.part = chain.part();
        this.parts = chain.parts();
        this.streaming = chain.streaming();
    }

    /** Whether this observes a whole generation or one call of it. */
    public Stage stage() {
        return stage;
    }

    /** The provider's id, such as {@code gptproto}. */
    public String providerId() {
        return providerId;
    }

    /** The id of the model the request was validated against (the resolved model, never {@code null}). */
    public String model() {
        return model;
    }

    /** The validated request, or at {@link Stage#CALL} this call's share of it. */
    public ImageRequest request() {
        return request;
    }

    /** This call's position among the calls of a split request, 0-based; 0 for a generation. */
    public int part() {
        return part;
    }

    /** How many calls the generation is split into. */
    public int parts() {
        return parts;
    }

    /** Whether the caller streams. */
    public boolean streaming() {
        return streaming;
    }

    /** The response, once the generation or call succeeded; {@code null} before, and after a failure. */
    public @Nullable ImageResponse response() {
        return response;
    }

    void response(ImageResponse response) {
        this.response = response;
    }
}
