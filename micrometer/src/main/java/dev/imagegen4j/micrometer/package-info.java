/**
 * Observations of every generation of an {@link dev.imagegen4j.ImageGenerator}, with each provider call
 * as a child, through core's {@link dev.imagegen4j.ImageInterceptor}s and Micrometer's Observation API:
 * add {@link dev.imagegen4j.micrometer.ImageObservationInterceptor} to the generator, and
 * {@link dev.imagegen4j.micrometer.ImageMeterObservationHandler} to the registry for the
 * {@code gen_ai.client.*} meters. Works with or without Spring.
 */
@NullMarked
package dev.imagegen4j.micrometer;

import org.jspecify.annotations.NullMarked;
