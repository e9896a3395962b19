/**
 * Spring AI's {@code ImageModel} over an imagegen4j {@code ImageGenerator}:
 * {@link dev.imagegen4j.spring.ai.Imagegen4jImageModel}, the options it takes beyond Spring AI's
 * ({@link dev.imagegen4j.spring.ai.Imagegen4jImageOptions}) and the metadata of each image
 * ({@link dev.imagegen4j.spring.ai.Imagegen4jImageGenerationMetadata}).
 */
@NullMarked
package dev.imagegen4j.spring.ai;

import org.jspecify.annotations.NullMarked;
