/**
 * The {@code gptproto} provider, for GPTProto's OpenAI-compatible images API: see
 * {@link dev.imagegen4j.gptproto.GptProtoImageProvider} for its settings.
 */
@NullMarked
package dev.imagegen4j.gptproto;

import org.jspecify.annotations.NullMarked;
