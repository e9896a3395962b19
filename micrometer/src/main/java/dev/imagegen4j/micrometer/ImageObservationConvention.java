package dev.imagegen4j.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of image observations; implement it (or extend
 * {@link DefaultImageObservationConvention}) to change them, and hand it to
 * {@link ImageObservationInterceptor.Builder}.
 */
public interface ImageObservationConvention extends ObservationConvention<ImageObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ImageObservationContext;
    }
}
