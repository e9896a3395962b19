package dev.imagegen4j;

import dev.imagegen4j.ImageSize.AspectRatio;
import dev.imagegen4j.ImageSize.Exact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which sizes a model accepts, and what a requested size becomes on it: a {@link Fixed fixed set}, a
 * {@link Flexible flexible rule on the dimensions}, a set of {@link AspectRatios aspect ratios}, or
 * {@link Any any size} (for models that are not in a catalog). {@link ImageSize#AUTO} is accepted by
 * every rule.
 *
 * <p>A size of another kind than the model takes is mapped when that loses nothing: an aspect ratio
 * becomes the fixed size of that exact shape, or the flexible size nearest it; an exact size becomes
 * the aspect ratio it is exactly. Anything else is an error, or — in lenient mode — mapped to the
 * nearest accepted size with a {@link Warning} that says so.
 */
public sealed interface SizeRule permits SizeRule.Fixed, SizeRule.Flexible, SizeRule.AspectRatios, SizeRule.Any {

    /** A rule that accepts only the given sizes (and {@code auto}). */
    static SizeRule fixed(Exact... sizes) {
        return new Fixed(List.of(sizes));
    }

    /** A rule that accepts only the given aspect ratios (and {@code auto}), each without a tier. */
    static AspectRatios aspectRatios(AspectRatio... ratios) {
        return new AspectRatios(List.of(ratios), Set.of());
    }

    /** A rule that accepts every size; used for models no catalog knows. */
    static SizeRule any() {
        return new Any();
    }

    /**
     * What {@code size} becomes on the model {@code modelId}: the size to send, or the errors; and any
     * warnings. The model id is only used in the messages.
     *
     * @param lenient map a size the model does not take to the nearest one it does, with a warning,
     *        instead of refusing it
     */
    Resolution resolve(ImageSize size, String modelId, boolean lenient);

    /** Sizes to offer a user, largest choice of shapes first; never contains {@code auto}. */
    List<? extends ImageSize> presets();

    /**
     * An accepted size near an aspect ratio and a pixel budget, e.g. {@code nearest(21, 9, 4_000_000)}
     * for a 21:9 image of about 4 megapixels. A fixed rule picks the listed size with the smallest sum of
     * relative errors in aspect ratio and pixel count. A flexible rule keeps the requested shape: it
     * tries, for every accepted height, the accepted widths next to height × ratio, and picks the one
     * with the smallest such sum, so a ratio beyond the rule's limit is clamped to the limit and a budget
     * beyond the pixel range ends at its edge. An aspect-ratio rule picks the nearest listed ratio.
     * Ties go to the earlier listed size or the smaller height.
     *
     * @throws IllegalArgumentException when an argument is not positive
     */
    ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget);

    /**
     * What a requested size becomes.
     *
     * @param size the size to send; {@code null} when there are errors
     * @param errors why the size cannot be sent
     * @param warnings what the caller should know about the size sent
     */
    record Resolution(@Nullable ImageSize size, List<Violation> errors, List<Warning> warnings) {
        public Resolution {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        static Resolution accepted(ImageSize size) {
            return new Resolution(size, List.of(), List.of());
        }

        static Resolution refused(Violation... errors) {
            return new Resolution(null, List.of(errors), List.of());
        }

        static Resolution mapped(ImageSize requested, ImageSize size, String modelId, String why) {
            return new Resolution(size, List.of(), List.of(new Warning("size", modelId, "size.mapped",
                    "size " + requested + " " + why + "; sent as " + size)));
        }
    }

    /**
     * A fixed set of sizes, like gpt-image-1's.
     *
     * @param sizes the accepted sizes besides {@code auto}
     */
    record Fixed(List<Exact> sizes) implements SizeRule {
        public Fixed {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("a fixed size rule lists at least one size");
            }
        }

        @Override
        public Resolution resolve(ImageSize size, String modelId, boolean lenient) {
            if (size.isAuto() || sizes.contains(size)) {
                return Resolution.accepted(size);
            }
            if (size instanceof AspectRatio ratio) {
                if (ratio.tier() == null) {
                    for (Exact candidate : sizes) {
                        if (ratio.sameShape(candidate)) {
                            return Resolution.accepted(candidate);
                        }
                    }
                }
                Exact nearest = nearestShape(ratio.width(), ratio.height(), Long.MAX_VALUE);
                if (lenient) {
                    return Resolution.mapped(size, nearest, modelId, "has no exact match on model " + modelId);
                }
                return Resolution.refused(Violation.of("size", ratio.tier() == null ? "size.ratio_not_accepted"
                        : "size.tier_not_accepted", size, "size " + size + " is not accepted by model " + modelId
                        + (ratio.tier() == null ? ", which has no size of that shape" : ", which has no size tiers")
                        + "; use one of auto, " + list()));
            }
            Exact exact = (Exact) size;
            if (lenient) {
                Exact nearest = nearestShape(exact.width(), exact.height(), exact.pixels());
                return Resolution.mapped(size, nearest, modelId, "is not accepted by model " + modelId);
            }
            return Resolution.refused(Violation.of("size", "size.one_of", size,
                    "size " + size + " is not accepted by model " + modelId + "; use one of auto, " + list()));
        }

        private String list() {
            return sizes.stream().map(ImageSize::text).collect(Collectors.joining(", "));
        }

        @Override
        public List<Exact> presets() {
            return sizes;
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            checkPositive(aspectWidth, aspectHeight, pixelBudget);
            return nearestShape(aspectWidth, aspectHeight, pixelBudget);
        }

        private Exact nearestShape(int aspectWidth, int aspectHeight, long pixelBudget) {
            double ratio = (double) aspectWidth / aspectHeight;
            Exact best = sizes.get(0);
            double bestDistance = Double.MAX_VALUE;
            for (Exact candidate : sizes) {
                // An unlimited budget compares shapes alone.
                double distance = pixelBudget == Long.MAX_VALUE ? aspectError(candidate, ratio)
                        : distance(candidate, ratio, pixelBudget);
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best;
        }
    }

    /**
     * A rule on the dimensions, like gpt-image-2's. An aspect ratio becomes the accepted size nearest
     * its tier's pixel count: {@code 1K} (and no tier) about 1 megapixel, {@code 2K} about 4,
     * {@code 4K} 3840 × 2160 worth.
     *
     * @param multipleOf both sides must be multiples of this, in pixels
     * @param maxEdge the longer side may be at most this, in pixels
     * @param maxAspectRatio the longer side divided by the shorter may be at most this
     * @param pixels the accepted range of width × height
     * @param experimentalAbove sizes with more pixels than this one are accepted with a warning
     * @param presets the sizes to offer a user
     */
    record Flexible(int multipleOf, int maxEdge, double maxAspectRatio, LongRange pixels,
                    Exact experimentalAbove, List<Exact> presets) implements SizeRule {

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
        public Resolution resolve(ImageSize size, String modelId, boolean lenient) {
            if (size.isAuto()) {
                return Resolution.accepted(size);
            }
            if (size instanceof AspectRatio ratio) {
                Long budget = tierPixels(ratio.tier());
                if (budget == null && !lenient) {
                    return Resolution.refused(Violation.of("size", "size.tier_not_accepted", size, "size " + size
                            + ": model " + modelId + " takes the tiers 1K, 2K and 4K, or none"));
                }
                Exact chosen = (Exact) nearest(ratio.width(), ratio.height(), budget == null ? tierPixels(null) : budget);
                if (budget == null) {
                    return experimental(Resolution.mapped(size, chosen, modelId, "has a tier model " + modelId
                            + " does not take"), chosen, modelId);
                }
                if (ratio.sameShape(chosen)) {
                    return experimental(Resolution.accepted(chosen), chosen, modelId);
                }
                return experimental(Resolution.mapped(size, chosen, modelId, "has no exact size on model " + modelId),
                        chosen, modelId);
            }
            Exact exact = (Exact) size;
            List<Violation> found = violations(exact, modelId);
            if (!found.isEmpty()) {
                if (lenient) {
                    Exact nearest = (Exact) nearest(exact.width(), exact.height(), exact.pixels());
                    return experimental(Resolution.mapped(size, nearest, modelId, "is not accepted by model " + modelId),
                            nearest, modelId);
                }
                return new Resolution(null, found, List.of());
            }
            return experimental(Resolution.accepted(size), exact, modelId);
        }

        /** {@code resolution}, with a warning when the size it sends is above {@link #experimentalAbove}. */
        private Resolution experimental(Resolution resolution, Exact sent, String modelId) {
            if (sent.pixels() <= experimentalAbove.pixels()) {
                return resolution;
            }
            List<Warning> warnings = new ArrayList<>(resolution.warnings());
            warnings.add(new Warning("size", modelId, "size.experimental", "size " + sent + " is above "
                    + experimentalAbove + " pixels, which model " + modelId
                    + " treats as experimental: results may be less reliable"));
            return new Resolution(resolution.size(), resolution.errors(), warnings);
        }

        private static @Nullable Long tierPixels(@Nullable String tier) {
            if (tier == null || tier.equals("1K")) {
                return 1024L * 1024;
            }
            if (tier.equals("2K")) {
                return 2048L * 2048;
            }
            return tier.equals("4K") ? 3840L * 2160 : null;
        }

        private List<Violation> violations(Exact size, String modelId) {
            List<Violation> found = new ArrayList<>(2);
            int width = size.width();
            int height = size.height();
            if (width % multipleOf != 0 || height % multipleOf != 0) {
                found.add(Violation.of("size", "size.multiple_of", size, "size " + size
                        + ": both sides must be multiples of " + multipleOf + " px on model " + modelId));
            }
            if (Math.max(width, height) > maxEdge) {
                found.add(Violation.of("size", "size.max_edge", size, "size " + size
                        + ": the longer side may be at most " + maxEdge + " px on model " + modelId));
            }
            double aspect = (double) Math.max(width, height) / Math.min(width, height);
            if (aspect > maxAspectRatio) {
                found.add(Violation.of("size", "size.max_aspect_ratio", size, "size " + size
                        + ": the aspect ratio may be at most " + format(maxAspectRatio) + ":1 on model " + modelId
                        + " but is " + format(aspect) + ":1"));
            }
            long count = size.pixels();
            if (!pixels.contains(count)) {
                found.add(Violation.of("size", "size.pixels", size, "size " + size + " has "
                        + group(count) + " pixels; model " + modelId + " needs between " + group(pixels.min())
                        + " and " + group(pixels.max())));
            }
            return found;
        }

        /** Whether the rule takes {@code width} × {@code height}; the allocation-free form of the checks. */
        private boolean accepts(int width, int height) {
            long count = (long) width * height;
            return width % multipleOf == 0 && height % multipleOf == 0 && Math.max(width, height) <= maxEdge
                    && (double) Math.max(width, height) / Math.min(width, height) <= maxAspectRatio
                    && pixels.contains(count);
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            checkPositive(aspectWidth, aspectHeight, pixelBudget);
            // Candidates are taken along the requested ratio, so clamp it to what the rule allows.
            double ratio = Math.max(1 / maxAspectRatio, Math.min(maxAspectRatio, (double) aspectWidth / aspectHeight));
            int bestWidth = 0;
            int bestHeight = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int height = multipleOf; height <= maxEdge; height += multipleOf) {
                int floorWidth = (int) (height * ratio) / multipleOf * multipleOf;
                for (int width = floorWidth; width <= floorWidth + multipleOf; width += multipleOf) {
                    if (width < multipleOf || width > maxEdge) {
                        continue;
                    }
                    double distance = distance(width, height, ratio, pixelBudget);
                    if (distance < bestDistance && accepts(width, height)) {
                        bestWidth = width;
                        bestHeight = height;
                        bestDistance = distance;
                    }
                }
            }
            if (bestWidth == 0) {
                throw new IllegalStateException("the size rule " + this + " accepts no size at all");
            }
            return ImageSize.of(bestWidth, bestHeight);
        }
    }

    /**
     * A set of aspect ratios, like Stability's or Gemini's. An exact size of one of these shapes is sent
     * as that ratio.
     *
     * @param ratios the accepted ratios, each without a tier
     * @param tiers the accepted resolution tiers in upper case, such as {@code 1K}, {@code 2K}; empty when
     *        the model takes none
     */
    record AspectRatios(List<AspectRatio> ratios, Set<String> tiers) implements SizeRule {
        public AspectRatios {
            ratios = List.copyOf(ratios);
            tiers = Set.copyOf(tiers);
            if (ratios.isEmpty() || ratios.stream().anyMatch(r -> r.tier() != null)) {
                throw new IllegalArgumentException("an aspect-ratio rule lists at least one ratio, none with a tier");
            }
        }

        /** This rule, also accepting the resolution {@code tiers}. */
        public AspectRatios withTiers(String... tiers) {
            return new AspectRatios(ratios, Set.of(tiers));
        }

        @Override
        public Resolution resolve(ImageSize size, String modelId, boolean lenient) {
            if (size.isAuto()) {
                return Resolution.accepted(size);
            }
            if (size instanceof AspectRatio ratio) {
                AspectRatio listed = listed(ratio);
                List<Violation> found = new ArrayList<>(2);
                if (listed == null) {
                    if (lenient) {
                        AspectRatio nearest = nearestRatio(ratio.value()).inTier(acceptedTier(ratio.tier()));
                        return Resolution.mapped(size, nearest, modelId, "is not accepted by model " + modelId);
                    }
                    found.add(Violation.of("size", "size.ratio_one_of", size, "size " + size
                            + " is not accepted by model " + modelId + "; use one of auto, " + list()));
                }
                if (ratio.tier() != null && !tiers.contains(ratio.tier())) {
                    found.add(Violation.of("size", "size.tier_not_accepted", size, "size " + size + ": model "
                            + modelId + (tiers.isEmpty() ? " takes no resolution tier"
                            : " takes the tiers " + String.join(", ", sorted(tiers)))));
                }
                if (!found.isEmpty()) {
                    return new Resolution(null, found, List.of());
                }
                return Resolution.accepted(Objects.requireNonNull(listed).inTier(ratio.tier()));
            }
            Exact exact = (Exact) size;
            AspectRatio listed = listed(exact.aspectRatio());
            if (listed != null) {
                return Resolution.accepted(listed);
            }
            if (lenient) {
                return Resolution.mapped(size, nearestRatio((double) exact.width() / exact.height()), modelId,
                        "is not one of the aspect ratios model " + modelId + " takes");
            }
            return Resolution.refused(Violation.of("size", "size.ratio_one_of", size, "size " + size
                    + " is not accepted by model " + modelId + ", which takes aspect ratios, not exact sizes; use one of auto, "
                    + list()));
        }

        private @Nullable String acceptedTier(@Nullable String tier) {
            return tier != null && tiers.contains(tier) ? tier : null;
        }

        private @Nullable AspectRatio listed(AspectRatio ratio) {
            for (AspectRatio candidate : ratios) {
                if (candidate.sameShape(ratio)) {
                    return candidate;
                }
            }
            return null;
        }

        private AspectRatio nearestRatio(double value) {
            AspectRatio best = ratios.get(0);
            double bestError = Double.MAX_VALUE;
            for (AspectRatio candidate : ratios) {
                double error = Math.abs(Math.log(candidate.value() / value));
                if (error < bestError) {
                    best = candidate;
                    bestError = error;
                }
            }
            return best;
        }

        private String list() {
            return ratios.stream().map(AspectRatio::text).collect(Collectors.joining(", "));
        }

        private static List<String> sorted(Set<String> values) {
            return values.stream().sorted().toList();
        }

        @Override
        public List<AspectRatio> presets() {
            return ratios;
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            checkPositive(aspectWidth, aspectHeight, pixelBudget);
            return nearestRatio((double) aspectWidth / aspectHeight);
        }
    }

    /** Accepts every size as it is: the rule for models no catalog knows, which the provider checks itself. */
    record Any() implements SizeRule {
        @Override
        public Resolution resolve(ImageSize size, String modelId, boolean lenient) {
            return Resolution.accepted(size);
        }

        @Override
        public List<ImageSize> presets() {
            return List.of();
        }

        @Override
        public ImageSize nearest(int aspectWidth, int aspectHeight, long pixelBudget) {
            checkPositive(aspectWidth, aspectHeight, pixelBudget);
            double ratio = (double) aspectWidth / aspectHeight;
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

        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    private static void checkPositive(int aspectWidth, int aspectHeight, long pixelBudget) {
        if (aspectWidth <= 0 || aspectHeight <= 0 || pixelBudget <= 0) {
            throw new IllegalArgumentException("aspect ratio and pixel budget must be positive but were "
                    + aspectWidth + ":" + aspectHeight + " and " + pixelBudget);
        }
    }

    private static double aspectError(Exact size, double ratio) {
        return Math.abs(Math.log((double) size.width() / size.height() / ratio));
    }

    private static double distance(Exact size, double ratio, long pixelBudget) {
        return distance(size.width(), size.height(), ratio, pixelBudget);
    }

    private static double distance(int width, int height, double ratio, long pixelBudget) {
        double aspectError = Math.abs(Math.log((double) width / height / ratio));
        double pixelError = Math.abs(Math.log((double) width * height / pixelBudget));
        return aspectError + pixelError;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    private static String group(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
