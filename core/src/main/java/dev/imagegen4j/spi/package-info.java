/**
 * What a provider module implements: {@link dev.imagegen4j.spi.ImageProvider}, registered in
 * {@code META-INF/services/dev.imagegen4j.spi.ImageProvider} and with {@code provides ... with ...}
 * in its {@code module-info.java}.
 */
@NullMarked
package dev.imagegen4j.spi;

import org.jspecify.annotations.NullMarked;
