package dev.imagegen4j;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The size of an image: {@link #AUTO} (the model chooses), an {@link Exact exact} width × height in
 * pixels, or an {@link AspectRatio aspect ratio} with an optional resolution tier (for vendors that
 * size images that way). Values are immutable and compare by value.
 *
 * <pre>{@code
 * ImageSize.parse("1536x1024")   // exactly 1536 wide, 1024 high
 * ImageSize.parse("16:9")        // a 16:9 image at the model's usual resolution
 * ImageSize.parse("16:9@2K")     // a 16:9 image in the model's 2K tier
 * ImageSize.of(2048, 1152)
 * ImageSize.ratio(21, 9)
 * ImageSize.AUTO
 * }</pre>
 *
 * <p>Any positive dimensions can be represented; whether a model accepts them, and what an aspect
 * ratio becomes on a model that takes exact sizes, is the business of its {@link SizeRule}.
 */
public sealed interface ImageSize permits ImageSize.Auto, ImageSize.Exact, ImageSize.AspectRatio {

    /** Let the model choose the size. */
    ImageSize AUTO = new Auto();

    /**
     * An exact size of {@code width} × {@code height} pixels.
     *
     * @throws IllegalArgumentException when either dimension is not positive
     */
    static Exact of(int width, int height) {
        return new Exact(width, height);
    }

    /**
     * The aspect ratio {@code width}:{@code height} at the model's usual resolution. The ratio is kept as
     * given ({@code 32:18} stays {@code 32:18}), and compares equal to its reduced form only through
     * {@link AspectRatio#sameShape}.
     *
     * @throws IllegalArgumentException when either side is not positive
     */
    static AspectRatio ratio(int width, int height) {
        return new AspectRatio(width, height, null);
    }

    /**
     * Parses {@code "auto"}, {@code "WIDTHxHEIGHT"} (such as {@code "1536x1024"}), {@code "W:H"} (such as
     * {@code "16:9"}) or {@code "W:H@TIER"} (such as {@code "16:9@2K"}). Case and blanks around the
     * separators are ignored; a tier is kept in upper case.
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
     */
    static ImageSize parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        Matcher exact = SizeForms.EXACT.matcher(trimmed);
        if (exact.matches()) {
            return of(SizeForms.side(exact.group(1)), SizeForms.side(exact.group(2)));
        }
        Matcher ratio = SizeForms.RATIO.matcher(trimmed);
        if (ratio.matches()) {
            String tier = ratio.group(3);
            return new AspectRatio(SizeForms.side(ratio.group(1)), SizeForms.side(ratio.group(2)),
                    tier == null ? null : tier.toUpperCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("size must be auto, WIDTHxHEIGHT such as 1536x1024, or an aspect ratio "
                + "W:H such as 16:9 (optionally with a tier, 16:9@2K), but was '" + text + "'");
    }

    /** Whether the model chooses the size. */
    default boolean isAuto() {
        return this instanceof Auto;
    }

    /** The size as {@link #parse} reads it: {@code auto}, {@code 1536x1024}, {@code 16:9} or {@code 16:9@2K}. */
    String text();

    /** The size the model chooses; the only instance is {@link ImageSize#AUTO}. */
    final class Auto implements ImageSize {
        private Auto() {
        }

        @Override
        public String text() {
            return "auto";
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * Exactly {@code width} × {@code height} pixels.
     *
     * @param width the width in pixels, positive
     * @param height the height in pixels, positive
     */
    record Exact(int width, int height) implements ImageSize {
        public Exact {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("size must have a positive width and height but was "
                        + width + "x" + height);
            }
        }

        /** Width times height. */
        public long pixels() {
            return (long) width * height;
        }

        /** This size's shape in lowest terms, such as {@code 16:9} for 1920x1080. */
        public AspectRatio aspectRatio() {
            int divisor = SizeForms.gcd(width, height);
            return new AspectRatio(width / divisor, height / divisor, null);
        }

        @Override
        public String text() {
            return width + "x" + height;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * An aspect ratio, optionally in a resolution tier such as {@code 1K}, {@code 2K} or {@code 4K}.
     *
     * @param width the ratio's first term, positive
     * @param height the ratio's second term, positive
     * @param tier the resolution tier in upper case, or {@code null} for the model's usual resolution
     */
    record AspectRatio(int width, int height, @Nullable String tier) implements ImageSize {
        public AspectRatio {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("an aspect ratio must have positive terms but was "
                        + width + ":" + height);
            }
            if (tier != null && tier.isBlank()) {
                throw new IllegalArgumentException("an aspect ratio's tier must not be blank");
            }
        }

        /** The same ratio in resolution tier {@code tier} ({@code null} for none). */
        public AspectRatio inTier(@Nullable String tier) {
            return new AspectRatio(width, height, tier == null ? null : tier.toUpperCase(Locale.ROOT));
        }

        /** Width divided by height. */
        public double value() {
            return (double) width / height;
        }

        /** Whether {@code other} describes the same shape, such as {@code 32:18} and {@code 16:9}; tiers are ignored. */
        public boolean sameShape(AspectRatio other) {
            return (long) width * other.height == (long) height * other.width;
        }

        /** Whether {@code size} has exactly this shape. */
        public boolean sameShape(Exact size) {
            return (long) width * size.height() == (long) height * size.width();
        }

        /** The ratio alone, {@code 16:9}, without the tier. */
        public String ratioText() {
            return width + ":" + height;
        }

        @Override
        public String text() {
            return tier == null ? ratioText() : ratioText() + "@" + tier;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}

/** Parsing helpers of {@link ImageSize}, kept out of the interface, whose members are all public. */
final class SizeForms {
    static final Pattern EXACT = Pattern.compile("(\\d{1,9})\\s*[xX×]\\s*(\\d{1,9})");
    static final Pattern RATIO =
            Pattern.compile("(\\d{1,6})\\s*:\\s*(\\d{1,6})(?:\\s*@\\s*([A-Za-z0-9.]{1,8}))?");

    private SizeForms() {
    }

    static int side(String digits) {
        return Integer.parseInt(digits);
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
