/**
 * The OpenAI-compatible images wire: {@link dev.imagegen4j.openai.GptImageModels} and the encoding and
 * decoding that providers speaking it and the mock's server share, so that the two can never disagree.
 */
@NullMarked
package dev.imagegen4j.openai;

import org.jspecify.annotations.NullMarked;
