package dev.imagegen4j;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ImageGenerator#stream} hands to its listener while a generation is under way: for each
 * image requested, some {@link PartialImage}s (as many as {@code partial_images} asked for, possibly
 * fewer) and then a {@link Completed} image; for a model that runs as a job, a {@link JobProgress}
 * after its submission and after every poll.
 */
public sealed interface ImageEvent permits ImageEvent.PartialImage, ImageEvent.Completed, ImageEvent.JobProgress {

    /**
     * A preview of an image still being generated; later partial images are more detailed.
     *
     * @param imageIndex the image it previews, 0-based, in request order
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
     * @param imageIndex its position, 0-based, in request order
     * @param image the final image, as it will appear in the response
     */
    record Completed(int imageIndex, GeneratedImage image) implements ImageEvent {
        public Completed {
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * Where a job stands: sent once it is submitted ({@code polls} 0), then after every poll.
     *
     * @param job the job's id, with which another process can {@link ImageGenerator#job re-attach}
     * @param state its state
     * @param progress how far along, from 0 to 1, when the vendor says
     * @param polls how many polls were made so far
     */
    record JobProgress(String job, JobState state, @Nullable Double progress, int polls) implements ImageEvent {
        public JobProgress {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(state, "state");
        }
    }
}
