package dev.imagegen4j;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of a generation: the images in request order and what the provider reported about them.
 *
 * <p>The effective settings ({@link #size()}, {@link #quality()}, {@link #background()},
 * {@link #outputFormat()}) are the provider's words, kept as plain strings because providers report
 * values no enum lists yet; each is {@code null} when the provider did not say. The format and
 * dimensions of each image are read from its bytes: see {@link GeneratedImage}. When the generator
 * split the request into several calls, the images of all calls are here in order, the usage is their
 * sum (or {@code null} if any call reported none), the cost is their sum, and the reported settings are
 * the first call's.
 *
 * @param providerId the id of the provider that generated the images
 * @param model the model the request was sent to
 * @param images the images, at least one, in request order
 * @param created when the provider created them, or {@code null} if it did not say
 * @param size the size the provider reports it used, such as {@code "1024x1024"}
 * @param quality the quality it reports, such as {@code "low"}
 * @param background the background it reports, such as {@code "opaque"}
 * @param outputFormat the format it reports, such as {@code "png"}
 * @param usage the tokens consumed, or {@code null} if not reported
 * @param requestId the provider's request id (of the first call), or {@code null}
 * @param warnings what the caller should know: dropped settings, mapped sizes, an unknown model, remarks
 * @param cost what the generation cost, from the usage (or the images, for a model billed per image) and
 *        the generator's {@link PriceCatalog}; unknown, never 0, when it cannot be worked out
 */
public record ImageResponse(String providerId, String model, List<GeneratedImage> images, @Nullable Instant created,
                            @Nullable String size, @Nullable String quality, @Nullable String background,
                            @Nullable String outputFormat, @Nullable Usage usage, @Nullable String requestId,
                            List<Warning> warnings, Cost cost) {

    public ImageResponse {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(model, "model");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a response holds at least one image");
        }
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(cost, "cost");
    }

    /** The first image, which is the only one unless more than one was requested. */
    public GeneratedImage image() {
        return images.get(0);
    }
}
