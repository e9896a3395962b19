/**
 * The {@code mock} provider: deterministic, real images without a network, scripted failures for
 * testing error handling, and {@link dev.imagegen4j.mock.MockServer}, a loopback HTTP server that
 * speaks the GPTProto wire protocol.
 */
@NullMarked
package dev.imagegen4j.mock;

import org.jspecify.annotations.NullMarked;
