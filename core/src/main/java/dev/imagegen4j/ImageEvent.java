package dev.imagegen4j;

import java.util.Objects;

/**
 * What {@link ImageGenerator#stream} hands to its listener while a generation is under way: some
 * {@link PartialImage}s (as many as {@code partial_images} asked for, possibly fewer), then a
 * {@link Completed} image, for each image requested.
 */
public sealed interface ImageEvent permits ImageEvent.PartialImage, ImageEvent.Completed {

    /** The position of the image this event belongs to, 0-based, in request order. */
    int imageIndex();

    /** The image carried by this event. */
    GeneratedImage image();

    /**
     * A preview of an image still being generated; later partial images are more detailed.
     *
     * @param imageIndex the image it previews, 0-based
     * @param partialIndex its position among that image's partial images, 0-based
     * @param image the preview
     */
    record PartialImage(int imageIndex, int partialIndex, GeneratedImage image) implements ImageEvent {
        public PartialImage {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * A finished image.
     *
     * @param imageIndex its position, 0-based
     * @param image the final image, as it will appear in the response
     */
    record Completed(int imageIndex, GeneratedImage image) implements ImageEvent {
        public Completed {
            Objects.requireNonNull(image, "image");
        }
    }
}
