/** Helpers of the core module; not exported and not part of the API. */
@NullMarked
package dev.imagegen4j.internal;

import org.jspecify.annotations.NullMarked;
