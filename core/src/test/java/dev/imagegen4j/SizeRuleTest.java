package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.ImageSize.AspectRatio;
import dev.imagegen4j.SizeRule.Resolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four size rules. The flexible and fixed rules here are gpt-image-2's and gpt-image-1's (whose
 * catalog lives in openai-images), so the numbers are those of a real vendor page.
 */
class SizeRuleTest {
    static final long MIN_PIXELS = 655_360;
    static final long MAX_PIXELS = 8_294_400;
    static final SizeRule FLEXIBLE = new SizeRule.Flexible(16, 3840, 3.0,
            new SizeRule.LongRange(MIN_PIXELS, MAX_PIXELS), ImageSize.of(2560, 1440), List.of(
            ImageSize.of(1024, 1024), ImageSize.of(2048, 1152)));
    static final SizeRule FIXED = SizeRule.fixed(ImageSize.of(1024, 1024), ImageSize.of(1536, 1024),
            ImageSize.of(1024, 1536));
    static final SizeRule.AspectRatios RATIOS = new SizeRule.AspectRatios(List.of(ImageSize.ratio(1, 1),
            ImageSize.ratio(16, 9), ImageSize.ratio(9, 16), ImageSize.ratio(4, 3)), java.util.Set.of());
    static final SizeRule TIERED = RATIOS.withTiers("1K", "2K");
    private static final String FIXED_LIST = "auto, 1024x1024, 1536x1024, 1024x1536";
    private static final String RATIO_LIST = "auto, 1:1, 16:9, 9:16, 4:3";

    private static Resolution resolve(SizeRule rule, String size, boolean lenient) {
        return rule.resolve(ImageSize.parse(size), "m", lenient);
    }

    private static List<Violation> errorsFor(SizeRule rule, ImageSize size) {
        return rule.resolve(size, "m", false).errors();
    }

    private static List<String> codes(@Nullable String cell) {
        return cell == null || cell.isBlank() ? List.of() : Arrays.asList(cell.trim().split("\\s+"));
    }

    private static void assertAccepted(Resolution resolution, String sent) {
        assertThat(resolution.errors()).isEmpty();
        assertThat(resolution.warnings()).isEmpty();
        assertThat(resolution.size()).isEqualTo(ImageSize.parse(sent));
    }

    private static void assertMapped(Resolution resolution, String sent, String reason) {
        assertThat(resolution.errors()).isEmpty();
        assertThat(resolution.size()).isEqualTo(ImageSize.parse(sent));
        assertThat(resolution.warnings()).containsExactly(new Warning("size", "m", "size.mapped", reason));
    }

    private static void assertRefused(Resolution resolution, String rule, String message) {
        assertThat(resolution.size()).isNull();
        assertThat(resolution.warnings()).isEmpty();
        assertThat(resolution.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("size");
            assertThat(error.rule()).isEqualTo(rule);
            assertThat(error.message()).isEqualTo(message);
        });
    }

    // ---- every rule ----

    static Stream<Arguments> everyRule() {
        return Stream.of(FLEXIBLE, FIXED, RATIOS, TIERED, SizeRule.any())
                .map(rule -> Arguments.of(rule.getClass().getSimpleName(), rule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void everyRuleAcceptsAutoStrictlyAndLeniently(String kind, SizeRule rule) {
        assertAccepted(rule.resolve(ImageSize.AUTO, "m", false), "auto");
        assertAccepted(rule.resolve(ImageSize.AUTO, "m", true), "auto");
    }

    // ---- Fixed ----

    @ParameterizedTest
    @ValueSource(strings = {"2048x2048", "1024x1040", "1536x1536", "1023x1024", "1025x1024", "1024x1023"})
    void aFixedRuleRefusesEveryOtherExactSizeListingItsSizes(String size) {
        assertRefused(resolve(FIXED, size, false), "size.one_of",
                "size " + size + " is not accepted by model m; use one of " + FIXED_LIST);
    }

    @Test
    void aFixedRuleRefusesARatioOfNoListedShape() {
        assertRefused(resolve(FIXED, "16:9", false), "size.ratio_not_accepted", "size 16:9 is not accepted by "
                + "model m, which has no size of that shape; use one of " + FIXED_LIST);
    }

    @Test
    void aFixedRuleRefusesATierEvenOfAListedShape() {
        assertRefused(resolve(FIXED, "3:2@2K", false), "size.tier_not_accepted", "size 3:2@2K is not accepted by "
                + "model m, which has no size tiers; use one of " + FIXED_LIST);
    }

    @Test
    void aFixedRuleRefusesAnEmptyList() {
        assertThatThrownBy(SizeRule::fixed)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fixed size rule lists at least one size");
    }

    // ---- Flexible ----

    @ParameterizedTest(name = "{0}: errors [{1}] warnings [{2}]")
    @CsvSource(delimiter = '|', value = {
            // multiples of 16
            "1024x1024 |                                    | ",
            "1024x1032 | size.multiple_of                   | ",
            "1032x1024 | size.multiple_of                   | ",
            "1040x1024 |                                    | ",
            // max edge 3840
            "3840x1280 |                                    | size.experimental",
            "1280x3840 |                                    | size.experimental",
            "3856x1296 | size.max_edge                      | ",
            "1296x3856 | size.max_edge                      | ",
            // aspect ratio at most 3:1
            "3072x1024 |                                    | ",
            "1024x3072 |                                    | ",
            "3088x1024 | size.max_aspect_ratio              | ",
            "1024x3088 | size.max_aspect_ratio              | ",
            // 655,360 to 8,294,400 pixels
            "1024x640  |                                    | ",
            "640x1024  |                                    | ",
            "1008x640  | size.pixels                        | ",
            "3840x2160 |                                    | size.experimental",
            "2160x3840 |                                    | size.experimental",
            "3840x2176 | size.pixels                        | ",
            "2880x2880 |                                    | size.experimental",
            "2896x2880 | size.pixels                        | ",
            // above 2560x1440 pixels is experimental: a warning, not an error
            "2560x1440 |                                    | ",
            "1440x2560 |                                    | ",
            "2576x1440 |                                    | size.experimental",
            "1440x2576 |                                    | size.experimental",
            // several rules at once, in a fixed order; no experimental warning for a refused size
            "4096x1024 | size.max_edge size.max_aspect_ratio | ",
            "100x17    | size.multiple_of size.max_aspect_ratio size.pixels | ",
            "4008x4008 | size.multiple_of size.max_edge size.pixels | ",
    })
    void aFlexibleRuleAcceptsExactSizesWithinItsLimits(String size, @Nullable String errors,
                                                      @Nullable String warnings) {
        Resolution resolution = resolve(FLEXIBLE, size, false);

        assertThat(resolution.errors()).extracting(Violation::rule).containsExactlyElementsOf(codes(errors));
        assertThat(resolution.warnings()).extracting(Warning::code).containsExactlyElementsOf(codes(warnings));
        assertThat(resolution.size()).isEqualTo(codes(errors).isEmpty() ? ImageSize.parse(size) : null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1024x1032 | size 1024x1032: both sides must be multiples of 16 px on model m",
            "3856x1296 | size 3856x1296: the longer side may be at most 3840 px on model m",
            "3088x1024 | size 3088x1024: the aspect ratio may be at most 3:1 on model m but is 3.02:1",
            "4096x1024 | size 4096x1024: the longer side may be at most 3840 px on model m",
            "1008x640  | size 1008x640 has 645,120 pixels; model m needs between 655,360 and 8,294,400",
            "3840x2176 | size 3840x2176 has 8,355,840 pixels; model m needs between 655,360 and 8,294,400",
    })
    void aFlexibleRuleExplainsEachLimit(String size, String message) {
        Resolution resolution = resolve(FLEXIBLE, size, false);

        assertThat(resolution.errors()).extracting(Violation::message).first().isEqualTo(message);
    }

    @Test
    void anExperimentalSizeIsAWarningThatKeepsTheSize() {
        Resolution resolution = resolve(FLEXIBLE, "2576x1440", false);

        assertThat(resolution.errors()).isEmpty();
        assertThat(resolution.size()).isEqualTo(ImageSize.of(2576, 1440));
        assertThat(resolution.warnings()).containsExactly(new Warning("size", "m", "size.experimental",
                "size 2576x1440 is above 2560x1440 pixels, which model m treats as experimental: results may be "
                        + "less reliable"));
    }

    @Test
    void aFlexibleRuleMapsARatioWithNoExactSizeToTheNearestWithAWarningEvenStrictly() {
        Resolution resolution = resolve(FLEXIBLE, "16:9", false);

        assertMapped(resolution, "1360x768", "size 16:9 has no exact size on model m; sent as 1360x768");
    }

    @Test
    void aRatioInTheTopTierIsTheLargestSizeOfThatShapeAndExperimental() {
        Resolution resolution = resolve(FLEXIBLE, "16:9@4K", false);

        assertThat(resolution.errors()).isEmpty();
        assertThat(resolution.size()).isEqualTo(ImageSize.of(3840, 2160));
        assertThat(resolution.warnings()).extracting(Warning::code).containsExactly("size.experimental");
        assertThat(resolution.warnings()).extracting(Warning::reason).containsExactly("size 3840x2160 is above "
                + "2560x1440 pixels, which model m treats as experimental: results may be less reliable");
    }

    @Test
    void aRatioOrAMappedSizeAboveTheExperimentalLimitAlsoWarnsThatItIsExperimental() {
        Resolution ratio = resolve(FLEXIBLE, "2:1@2K", false);
        Resolution mapped = resolve(FLEXIBLE, "4000x4000", true);
        Resolution wide = resolve(FLEXIBLE, "4096x1024", true);
        Resolution small = resolve(FLEXIBLE, "1:1", false);

        assertThat(ratio.size()).isEqualTo(ImageSize.of(2912, 1456));
        assertThat(ratio.warnings()).extracting(Warning::code).containsExactly("size.experimental");
        assertThat(mapped.size()).isEqualTo(ImageSize.of(2880, 2880));
        assertThat(mapped.warnings()).extracting(Warning::code).containsExactly("size.mapped", "size.experimental");
        assertThat(wide.size()).isEqualTo(ImageSize.of(3552, 1184));
        assertThat(wide.warnings()).extracting(Warning::reason).containsExactly(
                "size 4096x1024 is not accepted by model m; sent as 3552x1184",
                "size 3552x1184 is above 2560x1440 pixels, which model m treats as experimental: results may be "
                        + "less reliable");
        assertThat(small.warnings()).isEmpty();
    }

    @Test
    void aFlexibleRuleRefusesAnUnknownTier() {
        assertRefused(resolve(FLEXIBLE, "16:9@8K", false), "size.tier_not_accepted",
                "size 16:9@8K: model m takes the tiers 1K, 2K and 4K, or none");
    }

    @Test
    void aFlexibleRuleInLenientModeDropsAnUnknownTierWithAWarning() {
        assertMapped(resolve(FLEXIBLE, "16:9@8K", true), "1360x768",
                "size 16:9@8K has a tier model m does not take; sent as 1360x768");
    }

    @Test
    void aFlexibleRuleRefusesInconsistentLimits() {
        SizeRule.LongRange pixels = new SizeRule.LongRange(1, 100);

        assertThatThrownBy(() -> new SizeRule.Flexible(16, 8, 3.0, pixels, ImageSize.of(4, 4), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inconsistent flexible size rule: multipleOf 16, maxEdge 8, maxAspectRatio 3.0");
        assertThatThrownBy(() -> new SizeRule.LongRange(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range min 5 is above max 4");
    }

    // ---- AspectRatios ----

    @Test
    void aRatioRuleRefusesAnUnlistedRatioListingItsRatios() {
        assertRefused(resolve(RATIOS, "21:9", false), "size.ratio_one_of",
                "size 21:9 is not accepted by model m; use one of " + RATIO_LIST);
    }

    @Test
    void aRatioRuleRefusesATierItDoesNotTake() {
        assertRefused(resolve(RATIOS, "16:9@2K", false), "size.tier_not_accepted",
                "size 16:9@2K: model m takes no resolution tier");
        assertRefused(resolve(TIERED, "16:9@4K", false), "size.tier_not_accepted",
                "size 16:9@4K: model m takes the tiers 1K, 2K");
    }

    @Test
    void aRatioRuleReportsAnUnlistedRatioAndAnUnknownTierTogether() {
        Resolution resolution = resolve(TIERED, "21:9@4K", false);

        assertThat(resolution.size()).isNull();
        assertThat(resolution.errors()).extracting(Violation::rule)
                .containsExactly("size.ratio_one_of", "size.tier_not_accepted");
    }

    @Test
    void aRatioRuleRefusesAnExactSizeOfNoListedShape() {
        assertRefused(resolve(RATIOS, "1000x700", false), "size.ratio_one_of", "size 1000x700 is not accepted by "
                + "model m, which takes aspect ratios, not exact sizes; use one of " + RATIO_LIST);
    }

    @Test
    void aRatioRuleRefusesAnEmptyListOrATieredRatio() {
        List<AspectRatio> none = List.of();
        List<AspectRatio> tiered = List.of(ImageSize.ratio(1, 1).inTier("2K"));

        assertThatThrownBy(() -> new SizeRule.AspectRatios(none, java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an aspect-ratio rule lists at least one ratio, none with a tier");
        assertThatThrownBy(() -> new SizeRule.AspectRatios(tiered, java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an aspect-ratio rule lists at least one ratio, none with a tier");
    }

    @Test
    void aRatioRuleOffersItsRatiosAndItsNearestIsTheClosestRatio() {
        assertThat(RATIOS.presets()).extracting(ImageSize::text).containsExactly("1:1", "16:9", "9:16", "4:3");
        assertThat(RATIOS.nearest(21, 9, 1)).isEqualTo(ImageSize.ratio(16, 9));
        assertThat(RATIOS.nearest(5, 4, 1)).isEqualTo(ImageSize.ratio(4, 3));
    }

    // ---- what each rule takes as it is, or maps without loss and silently ----

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "fixed    | 1024x1024 | 1024x1024",
            "fixed    | 1536x1024 | 1536x1024",
            "fixed    | 1024x1536 | 1024x1536",
            "fixed    | 3:2       | 1536x1024",
            "fixed    | 6:4       | 1536x1024",
            "fixed    | 2:3       | 1024x1536",
            "fixed    | 7:7       | 1024x1024",
            "flexible | 1:1       | 1024x1024",
            "flexible | 1:1@1K    | 1024x1024",
            "flexible | 3:2@1K    | 1248x832",
            "ratios   | 16:9      | 16:9",
            "ratios   | 32:18     | 16:9",
            "ratios   | 4:3       | 4:3",
            "ratios   | 1920x1080 | 16:9",
            "ratios   | 1024x1024 | 1:1",
            "ratios   | 1200x900  | 4:3",
            "tiered   | 16:9@1K   | 16:9@1K",
            "tiered   | 32:18@2K  | 16:9@2K",
            "tiered   | 1:1@2k    | 1:1@2K",
    })
    void aRuleSendsASizeItTakesOrOneOfTheSameShapeWithoutWarning(String name, String size, String sent) {
        assertAccepted(resolve(rule(name), size, false), sent);
    }

    // ---- lenient mode: the nearest accepted size, with a warning ----

    private static SizeRule rule(String name) {
        return switch (name) {
            case "fixed" -> FIXED;
            case "flexible" -> FLEXIBLE;
            case "ratios" -> RATIOS;
            case "tiered" -> TIERED;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "fixed    | 16:9      | 1536x1024 | size 16:9 has no exact match on model m; sent as 1536x1024",
            "fixed    | 9:16      | 1024x1536 | size 9:16 has no exact match on model m; sent as 1024x1536",
            "fixed    | 3:2@2K    | 1536x1024 | size 3:2@2K has no exact match on model m; sent as 1536x1024",
            "fixed    | 1000x1000 | 1024x1024 | size 1000x1000 is not accepted by model m; sent as 1024x1024",
            "fixed    | 1600x1000 | 1536x1024 | size 1600x1000 is not accepted by model m; sent as 1536x1024",
            "flexible | 1024x1032 | 1024x1040 | size 1024x1032 is not accepted by model m; sent as 1024x1040",
            "flexible | 100x100   | 816x816   | size 100x100 is not accepted by model m; sent as 816x816",
            "tiered   | 21:9      | 16:9      | size 21:9 is not accepted by model m; sent as 16:9",
            "tiered   | 21:9@2K   | 16:9@2K   | size 21:9@2K is not accepted by model m; sent as 16:9@2K",
            "tiered   | 21:9@4K   | 16:9      | size 21:9@4K is not accepted by model m; sent as 16:9",
            "tiered   | 1:3       | 9:16      | size 1:3 is not accepted by model m; sent as 9:16",
            "tiered   | 1000x700  | 4:3       | size 1000x700 is not one of the aspect ratios model m takes; sent as 4:3",
    })
    void aLenientRuleMapsARefusedSizeToTheNearestAcceptedOneWithAWarning(String name, String size, String sent,
                                                                        String reason) {
        SizeRule rule = rule(name);

        assertMapped(resolve(rule, size, true), sent, reason);
        assertAccepted(resolve(rule, sent, false), sent);
    }

    // ---- Any ----

    @ParameterizedTest
    @ValueSource(strings = {"1x1", "777x333", "10000x10", "21:9", "16:9@8K"})
    void theAnyRuleSendsEverySizeAsItIs(String size) {
        assertAccepted(resolve(SizeRule.any(), size, false), size);
    }

    // ---- nearest ----

    // Worked out from the search: for each height h (a multiple of 16), widths floor(h * ratio / 16) * 16
    // and 16 more are tried, and the accepted one with the smallest distance wins. For 21:9 at 4 MP
    // the ideal is about 3055x1309; 3056x1312 (ratio 2.329, 4,009,472 px) beats the runner-up 3072x1312.
    @ParameterizedTest(name = "{0}:{1} at {2} px -> {3}")
    @CsvSource({
            "21, 9,  4000000, 3056x1312",
            "16, 9,  8000000, 3776x2128",
            "16, 9,  1000000, 1328x752",
            "4,  3,  2000000, 1632x1232",
            "1,  1,  1048576, 1024x1024",
            "3,  2,  1572864, 1536x1024",
    })
    void nearestOnAFlexibleRuleIsTheClosestAcceptedSizeAlongTheRatio(int aspectWidth, int aspectHeight,
                                                                    long budget, String expected) {
        ImageSize size = FLEXIBLE.nearest(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
        assertThat(errorsFor(FLEXIBLE, size)).isEmpty();
    }

    @Test
    void nearestFor21By9AtFourMegapixelsIsCloseToBoth() {
        ImageSize.Exact size = (ImageSize.Exact) FLEXIBLE.nearest(21, 9, 4_000_000);

        assertThat(size).isEqualTo(ImageSize.of(3056, 1312));
        assertThat((double) size.width() / size.height()).isBetween(21.0 / 9 * 0.99, 21.0 / 9 * 1.01);
        assertThat(size.pixels()).isBetween(3_960_000L, 4_040_000L);
    }

    @Test
    void nearestClampsAWiderRatioThanThreeToOneToThreeToOne() {
        ImageSize fiveToOne = FLEXIBLE.nearest(5, 1, 3_000_000);

        assertThat(fiveToOne).isEqualTo(ImageSize.of(3024, 1008));
        assertThat(fiveToOne).isEqualTo(FLEXIBLE.nearest(3, 1, 3_000_000));
        assertThat(errorsFor(FLEXIBLE, fiveToOne)).isEmpty();
    }

    @Test
    void nearestClampsATallerRatioThanOneToThreeToOneToThree() {
        ImageSize.Exact oneToFive = (ImageSize.Exact) FLEXIBLE.nearest(1, 5, 3_000_000);

        assertThat(oneToFive.width()).isEqualTo(1008);
        assertThat((double) oneToFive.height() / oneToFive.width()).isBetween(2.95, 3.0);
        assertThat(errorsFor(FLEXIBLE, oneToFive)).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1} at {2} px -> {3}")
    @CsvSource({
            "16, 9, 20000000,            3840x2160",
            "9,  16, 20000000,           2160x3840",
            "1,  1, 9223372036854775807, 2880x2880",
            "5,  1, 20000000,            3840x1280",
            "1,  1, 100,                 816x816",
            "21, 9, 100,                 1248x528",
    })
    void nearestClampsABudgetOutsideThePixelRangeToItsEdge(int aspectWidth, int aspectHeight, long budget,
                                                          String expected) {
        ImageSize.Exact size = (ImageSize.Exact) FLEXIBLE.nearest(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
        assertThat(size.pixels()).isBetween(MIN_PIXELS, MAX_PIXELS);
        assertThat(errorsFor(FLEXIBLE, size)).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1} at {2} px -> {3}")
    @CsvSource({
            "16, 9,  2000000, 1536x1024",
            "9,  16, 2000000, 1024x1536",
            "1,  1,  1000000, 1024x1024",
            "2,  3,  1572864, 1024x1536",
            "21, 9,  4000000, 1536x1024",
    })
    void nearestOnAFixedRulePicksTheClosestOfItsSizes(int aspectWidth, int aspectHeight, long budget,
                                                     String expected) {
        ImageSize size = FIXED.nearest(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
    }

    @Test
    void nearestOnTheAnyRuleFollowsTheRatioAndBudgetExactly() {
        SizeRule any = SizeRule.any();

        ImageSize size = any.nearest(21, 9, 4_000_000);

        assertThat(size).isEqualTo(ImageSize.of(3055, 1309));
        assertThat(any.nearest(1, 1, 1)).isEqualTo(ImageSize.of(1, 1));
    }

    static Stream<Arguments> nonPositiveInputs() {
        List<SizeRule> rules = List.of(FLEXIBLE, FIXED, RATIOS, SizeRule.any());
        int[][] inputs = {{0, 9, 1000}, {16, 0, 1000}, {16, 9, 0}, {-16, 9, 1000}, {16, -9, 1000}, {16, 9, -1}};
        return rules.stream().flatMap(rule -> Stream.of(inputs)
                .map(in -> Arguments.of(rule.getClass().getSimpleName(), rule, in[0], in[1], (long) in[2])));
    }

    @ParameterizedTest(name = "{0}: {2}:{3} at {4} px")
    @MethodSource("nonPositiveInputs")
    void nearestRefusesNonPositiveInputs(String kind, SizeRule rule, int aspectWidth, int aspectHeight,
                                         long budget) {
        assertThatThrownBy(() -> rule.nearest(aspectWidth, aspectHeight, budget))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aspect ratio and pixel budget must be positive but were " + aspectWidth + ":"
                        + aspectHeight + " and " + budget);
    }

    @Test
    void everyResultOfNearestIsAcceptedAndStaysCloseToTheRatioAndBudget() {
        long[] budgets = {1, 300_000, MIN_PIXELS - 1, MIN_PIXELS, 1_000_000, 2_222_222, 3_686_400, 4_000_000,
                6_500_000, MAX_PIXELS, MAX_PIXELS + 1, 40_000_000, Long.MAX_VALUE};
        List<String> failures = new ArrayList<>();
        int checked = 0;

        for (SizeRule rule : List.of(FLEXIBLE, FIXED)) {
            for (int aspectWidth = 1; aspectWidth <= 22; aspectWidth += 3) {
                for (int aspectHeight = 1; aspectHeight <= 22; aspectHeight += 2) {
                    for (long budget : budgets) {
                        ImageSize.Exact size = (ImageSize.Exact) rule.nearest(aspectWidth, aspectHeight, budget);
                        checked++;
                        String input = aspectWidth + ":" + aspectHeight + " at " + budget + " -> " + size;
                        List<Violation> errors = errorsFor(rule, size);
                        if (!errors.isEmpty()) {
                            failures.add(input + ": " + errors);
                        }
                        if (rule == FLEXIBLE) {
                            double ratio = Math.max(1 / 3.0, Math.min(3.0, (double) aspectWidth / aspectHeight));
                            double aspectError = Math.abs(Math.log((double) size.width() / size.height() / ratio));
                            if (aspectError > 0.04) {
                                failures.add(input + ": aspect ratio off by " + aspectError);
                            }
                            // Off the budget (clamped to the pixel limits) only where the longer side is at its limit.
                            long reachable = Math.max(MIN_PIXELS, Math.min(MAX_PIXELS, budget));
                            double pixelError = Math.abs(Math.log((double) size.pixels() / reachable));
                            if (pixelError > 0.06 && Math.max(size.width(), size.height()) < 3840 - 16) {
                                failures.add(input + ": pixel count off by " + pixelError);
                            }
                        }
                    }
                }
            }
        }

        assertThat(checked).isEqualTo(2 * 8 * 11 * budgets.length);
        assertThat(failures).isEmpty();
    }
}
