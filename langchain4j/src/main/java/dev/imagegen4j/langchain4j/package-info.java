/**
 * {@link dev.imagegen4j.langchain4j.Imagegen4jImageModel}: any imagegen4j provider behind LangChain4j's
 * {@code ImageModel}, with token usage and imagegen4j's metadata in each {@code Response}.
 */
@NullMarked
package dev.imagegen4j.langchain4j;

import org.jspecify.annotations.NullMarked;
