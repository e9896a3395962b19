/**
 * The caller-facing API of imagegen4j: build an {@link dev.imagegen4j.ImageRequest}, obtain an
 * {@link dev.imagegen4j.ImageGenerator} from a provider found by {@link dev.imagegen4j.ImageProviders},
 * and read the {@link dev.imagegen4j.ImageResponse}. Every type here is provider-neutral; the
 * {@link dev.imagegen4j.ModelCatalog} says what each model accepts, and every failure is an
 * {@link dev.imagegen4j.ImageGenerationException} subtype.
 */
@NullMarked
package dev.imagegen4j;

import org.jspecify.annotations.NullMarked;
