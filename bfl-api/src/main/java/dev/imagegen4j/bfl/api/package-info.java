/**
 * Black Forest Labs' FLUX API wire: {@link dev.imagegen4j.bfl.api.BflModels} and the encoding and
 * decoding that the {@code bfl} provider and the mock's server share, so that the two can never
 * disagree. Sources are listed in docs/providers/bfl.md.
 */
@NullMarked
package dev.imagegen4j.bfl.api;

import org.jspecify.annotations.NullMarked;
