/**
 * The conformance kit: extend {@link dev.imagegen4j.tck.ImageProviderConformanceKit} in a provider's
 * test to check that the provider behaves as imagegen4j's own providers do.
 */
@NullMarked
package dev.imagegen4j.tck;

import org.jspecify.annotations.NullMarked;
