/** HTTP, JSON and event-stream handling of the gptproto provider; not API. */
@NullMarked
package dev.imagegen4j.gptproto.internal;

import org.jspecify.annotations.NullMarked;
