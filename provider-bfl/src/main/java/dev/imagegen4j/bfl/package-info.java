/**
 * The {@code bfl} provider: Black Forest Labs' FLUX API behind imagegen4j's neutral API, found by
 * {@link java.util.ServiceLoader} as {@link dev.imagegen4j.bfl.BflImageProvider}. Its models run as
 * jobs; applications use them through core's {@link dev.imagegen4j.ImageGenerator} ({@code generate},
 * {@code submit}, {@code job(id)}); nothing here is called directly.
 */
@NullMarked
package dev.imagegen4j.bfl;

import org.jspecify.annotations.NullMarked;
