/**
 * The {@code stability} provider: Stability AI's Stable Image generate endpoints ({@code core},
 * {@code ultra}, {@code sd3}) behind imagegen4j's neutral API, found by {@link java.util.ServiceLoader}
 * as {@link dev.imagegen4j.stability.StabilityImageProvider}. Applications use it through core's
 * {@link dev.imagegen4j.ImageGenerator}; nothing here is called directly.
 */
@NullMarked
package dev.imagegen4j.stability;

import org.jspecify.annotations.NullMarked;
