package dev.imagegen4j;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The size of an image: {@link #AUTO} (the model chooses) or width × height in pixels.
 * Instances are immutable and compare by value.
 *
 * <pre>{@code
 * ImageSize.parse("1536x1024")   // 1536 wide, 1024 high
 * ImageSize.of(2048, 1152)
 * ImageSize.AUTO
 * }</pre>
 *
 * <p>Any positive dimensions can be represented; whether a model accepts them is the business of
 * its {@link ModelSpec}.
 */
public final class ImageSize {
    private static final Pattern WIDTH_X_HEIGHT = Pattern.compile("(\\d{1,9})\\s*[xX×]\\s*(\\d{1,9})");

    /** Let the model choose the size. */
    public static final ImageSize AUTO = new ImageSize(0, 0);

    private final int width;
    private final int height;

    private ImageSize(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * A size of {@code width} × {@code height} pixels.
     *
     * @throws IllegalArgumentException when either dimension is not positive
     */
    public static ImageSize of(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must have a positive width and height but was "
                    + width + "x" + height);
        }
        return new ImageSize(width, height);
    }

    /**
     * Parses {@code "auto"} or {@code "WIDTHxHEIGHT"} (such as {@code "1536x1024"}; case and blanks
     * around the {@code x} are ignored).
     *
     * @throws IllegalArgumentException naming the expected form when {@code text} is neither
     */
    public static ImageSize parse(String text) {
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("auto")) {
            return AUTO;
        }
        Matcher matcher = WIDTH_X_HEIGHT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("size must be 'auto' or WIDTHxHEIGHT such as 1536x1024 but was '"
                    + text + "'");
        }
        return of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Whether the model chooses the size. */
    public boolean isAuto() {
        return this == AUTO;
    }

    /**
     * The width in pixels.
     *
     * @throws IllegalStateException for {@link #AUTO}, which has no width
     */
    public int width() {
        requireExplicit();
        return width;
    }

    /**
     * The height in pixels.
     *
     * @throws IllegalStateException for {@link #AUTO}, which has no height
     */
    public int height() {
        requireExplicit();
        return height;
    }

    /**
     * Width times height.
     *
     * @throws IllegalStateException for {@link #AUTO}
     */
    public long pixels() {
        requireExplicit();
        return (long) width * height;
    }

    private void requireExplicit() {
        if (isAuto()) {
            throw new IllegalStateException("the auto size has no dimensions; check isAuto() first");
        }
    }

    /** The value as the wire spells it: {@code "auto"} or {@code "1536x1024"}. */
    public String wireName() {
        return isAuto() ? "auto" : width + "x" + height;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ImageSize that && width == that.width && height == that.height;
    }

    @Override
    public int hashCode() {
        return 31 * width + height;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
