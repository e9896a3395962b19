package dev.imagegen4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which sizes a model accepts: a {@link Fixed fixed set}, a {@link Flexible flexible rule}, or
 * {@link Any any size} (for models that are not in a catalog). {@link ImageSize#AUTO} is accepted by
 * every rule.
 */
public sealed interface SizeRule permits SizeRule.Fixed, SizeRule.Flexible, SizeRule.Any {

    /** A rule that accepts only the given sizes (and {@code auto}). */
    static SizeRule fixed(ImageSize... sizes) {
        return new Fixed(List.of(sizes));
    }

    /** A rule that accepts every positive size; used for models no catalog knows. */
    static SizeRule any() {
        return new Any();
    }

    /**
     * The errors and warnings for {@code size} on the model {@code modelId}; empty when it is fine.
     * The model id is only used in the messages.
     */
    List<Violation> check(ImageSize size, String modelId);

    /** Sizes to offer a user, largest choice of shapes first; never contains {@code auto}. */
    List<ImageSize> presets();

    /**
     * An accepted size near an aspect ratio and a pixel budget, e.g. {@code nearest(21, 9, 4_000_000)}
     * for a 21:9 image of about 4 megapixels. A fixed rule picks the listed size with the smallest sum of
     * relative errors in aspect ratio and pixel count. A flexible rule keeps the requested shape: it
     * tries, for every accepted height, the accepted widths next to height × ratio, and picks the one
     * with the smallest such sum, so a ratio beyond the rule's limit is clamped to the limit and a budget
     * beyond the pixel range ends at its edge. Ties go to the earlier listed size or the smaller height.
     *
     * @throws IllegalArgumentException when an argument is not positive
     */
    ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget);

    /**
     * A fixed set of sizes, like gpt-image-1's.
     *
     * @param sizes the accepted sizes besides {@code auto}
     */
    record Fixed(List<ImageSize> sizes) implements SizeRule {
        public Fixed {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.contains(ImageSize.AUTO)) {
                throw new IllegalArgumentException("a fixed size rule lists at least one explicit size, not auto");
            }
        }

        @Override
        public List<Violation> check(ImageSize size, String modelId) {
            if (size.isAuto() || sizes.contains(size)) {
                return List.of();
            }
            return List.of(Violation.error("size", "size.one_of", size,
                    "size " + size + " is not accepted by model " + modelId + "; use one of auto, "
                            + sizes.stream().map(ImageSize::wireName).collect(Collectors.joining(", "))));
        }

        @Override
        public List<ImageSize> presets() {
            return sizes;
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            double ratio = ratio(aspectWidth, aspectHeight, pixelBudget);
            return sizes.stream()
                    .min(Comparator.comparingDouble(s -> distance(s, ratio, pixelBudget)))
                    .orElseThrow();
        }
    }

    /**
     * A rule on the dimensions, like gpt-image-2's.
     *
     * @param multipleOf both sides must be multiples of this, in pixels
     * @param maxEdge the longer side may be at most this, in pixels
     * @param maxAspectRatio the longer side divided by the shorter may be at most this
     * @param pixels the accepted range of width × height
     * @param experimentalAbove sizes with more pixels than this one are accepted with a warning
     * @param presets the sizes to offer a user
     */
    record Flexible(int multipleOf, int maxEdge, double maxAspectRatio, LongRange pixels,
                    ImageSize experimentalAbove, List<ImageSize> presets) implements SizeRule {

        public Flexible {
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(experimentalAbove, "experimentalAbove");
            presets = List.copyOf(presets);
            if (multipleOf < 1 || maxEdge < multipleOf || maxAspectRatio < 1) {
                throw new IllegalArgumentException("inconsistent flexible size rule: multipleOf " + multipleOf
                        + ", maxEdge " + maxEdge + ", maxAspectRatio " + maxAspectRatio);
            }
        }

        @Override
        public List<Violation> check(ImageSize size, String modelId) {
            if (size.isAuto()) {
                return List.of();
            }
            List<Violation> found = new ArrayList<>(2);
            int width = size.width();
            int height = size.height();
            if (width % multipleOf != 0 || height % multipleOf != 0) {
                found.add(Violation.error("size", "size.multiple_of", size, "size " + size
                        + ": both sides must be multiples of " + multipleOf + " px on model " + modelId));
            }
            if (Math.max(width, height) > maxEdge) {
                found.add(Violation.error("size", "size.max_edge", size, "size " + size
                        + ": the longer side may be at most " + maxEdge + " px on model " + modelId));
            }
            double aspect = (double) Math.max(width, height) / Math.min(width, height);
            if (aspect > maxAspectRatio) {
                found.add(Violation.error("size", "size.max_aspect_ratio", size, "size " + size
                        + ": the aspect ratio may be at most " + format(maxAspectRatio) + ":1 on model " + modelId
                        + " but is " + format(aspect) + ":1"));
            }
            long count = size.pixels();
            if (!pixels.contains(count)) {
                found.add(Violation.error("size", "size.pixels", size, "size " + size + " has "
                        + group(count) + " pixels; model " + modelId + " needs between " + group(pixels.min())
                        + " and " + group(pixels.max())));
            }
            if (found.isEmpty() && count > experimentalAbove.pixels()) {
                found.add(Violation.warning("size", "size.experimental", size, "size " + size
                        + " is above " + experimentalAbove + " pixels, which model " + modelId
                        + " treats as experimental: results may be less reliable"));
            }
            return found;
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            // Candidates are taken along the requested ratio, so clamp it to what the rule allows.
            double ratio = Math.max(1 / maxAspectRatio, Math.min(maxAspectRatio,
                    ratio(aspectWidth, aspectHeight, pixelBudget)));
            @Nullable ImageSize best = null;
            double bestDistance = Double.MAX_VALUE;
            for (int height = multipleOf; height <= maxEdge; height += multipleOf) {
                int floorWidth = (int) (height * ratio) / multipleOf * multipleOf;
                for (int width = floorWidth; width <= floorWidth + multipleOf; width += multipleOf) {
                    if (width < multipleOf || width > maxEdge) {
                        continue;
                    }
                    ImageSize candidate = ImageSize.of(width, height);
                    double distance = distance(candidate, ratio, pixelBudget);
                    if (distance < bestDistance && acceptsWithoutError(candidate)) {
                        best = candidate;
                        bestDistance = distance;
                    }
                }
            }
            if (best == null) {
                throw new IllegalStateException("the size rule " + this + " accepts no size at all");
            }
            return best;
        }

        private boolean acceptsWithoutError(ImageSize size) {
            return check(size, "").stream().noneMatch(Violation::isError);
        }
    }

    /** Accepts every size: the rule for models no catalog knows, which the provider checks itself. */
    record Any() implements SizeRule {
        @Override
        public List<Violation> check(ImageSize size, String modelId) {
            return List.of();
        }

        @Override
        public List<ImageSize> presets() {
            return List.of();
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            double ratio = ratio(aspectWidth, aspectHeight, pixelBudget);
            int width = (int) Math.max(1, Math.round(Math.sqrt(pixelBudget * ratio)));
            int height = (int) Math.max(1, Math.round(width / ratio));
            return ImageSize.of(width, height);
        }
    }

    /**
     * An inclusive range of longs, such as a pixel count range.
     *
     * @param min the smallest accepted value
     * @param max the largest accepted value
     */
    record LongRange(long min, long max) {
        public LongRange {
            if (min > max) {
                throw new IllegalArgumentException("range min " + min + " is above max " + max);
            }
        }

        public boolean contains(long value) {
            return value >= min && value <= max;
        }
    }

    private static double ratio(int aspectWidth, int aspectHeight, long pixelBudget) {
        if (aspectWidth <= 0 || aspectHeight <= 0 || pixelBudget <= 0) {
            throw new IllegalArgumentException("aspect ratio and pixel budget must be positive but were "
                    + aspectWidth + ":" + aspectHeight + " and " + pixelBudget);
        }
        return (double) aspectWidth / aspectHeight;
    }

    private static double distance(ImageSize size, double ratio, long pixelBudget) {
        double aspectError = Math.abs(Math.log((double) size.width() / size.height() / ratio));
        double pixelError = Math.abs(Math.log((double) size.pixels() / pixelBudget));
        return aspectError + pixelError;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    private static String group(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
