package dev.imagegen4j;

/** The encoding of image bytes, as detected from the bytes themselves. */
public enum ImageFormat {
    /** Portable Network Graphics. */
    PNG("image/png", "png"),
    /** JPEG (JFIF or Exif). */
    JPEG("image/jpeg", "jpg"),
    /** WebP, lossy, lossless or extended. */
    WEBP("image/webp", "webp");

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    /** The media type, such as {@code image/png}. */
    public String mimeType() {
        return mimeType;
    }

    /** The usual file name extension without the dot, such as {@code png} or {@code jpg}. */
    public String extension() {
        return extension;
    }
}
