package dev.imagegen4j.spi;

import java.io.IOException;

/** Where the images of one call or job task go, in memory or in files as the caller chose. */
public interface ImageSinks {

    /** How many images to write. */
    int count();

    /**
     * A sink for the next image. The caller owns what it holds once {@link ImageSink#finish()
     * finished}; close unfinished sinks to discard them.
     *
     * @throws IOException when a file cannot be created
     */
    ImageSink newSink() throws IOException;
}
