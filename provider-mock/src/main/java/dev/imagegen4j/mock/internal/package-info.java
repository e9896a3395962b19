/** Painting and encoding of mock images; not API. */
@NullMarked
package dev.imagegen4j.mock.internal;

import org.jspecify.annotations.NullMarked;
