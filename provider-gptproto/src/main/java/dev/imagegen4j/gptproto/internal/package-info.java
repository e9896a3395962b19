/** The gptproto provider's client, settings and error mapping; not API. */
@NullMarked
package dev.imagegen4j.gptproto.internal;

import org.jspecify.annotations.NullMarked;
