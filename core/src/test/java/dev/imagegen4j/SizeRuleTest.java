package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SizeRuleTest {
    private static final ModelCatalog CATALOG = ModelCatalog.gptImage();
    private static final ModelSpec GPT_IMAGE_2 = CATALOG.specFor("gpt-image-2");
    private static final ModelSpec GPT_IMAGE_1 = CATALOG.specFor("gpt-image-1");
    private static final long MIN_PIXELS = 655_360;
    private static final long MAX_PIXELS = 8_294_400;

    private static List<Violation> errorsFor(ModelSpec spec, ImageSize size) {
        return spec.validate(ImageRequest.builder("a cat").model(spec.id()).size(size).build()).errors();
    }

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
    void nearestOnGptImage2IsTheClosestAcceptedSizeAlongTheRatio(int aspectWidth, int aspectHeight, long budget,
                                                                 String expected) {
        ImageSize size = GPT_IMAGE_2.nearestSize(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
        assertThat(errorsFor(GPT_IMAGE_2, size)).isEmpty();
    }

    @Test
    void nearestFor21By9AtFourMegapixelsIsCloseToBoth() {
        ImageSize size = GPT_IMAGE_2.nearestSize(21, 9, 4_000_000);

        assertThat(size).isEqualTo(ImageSize.of(3056, 1312));
        assertThat((double) size.width() / size.height()).isBetween(21.0 / 9 * 0.99, 21.0 / 9 * 1.01);
        assertThat(size.pixels()).isBetween(3_960_000L, 4_040_000L);
    }

    @Test
    void nearestClampsAWiderRatioThanThreeToOneToThreeToOne() {
        ImageSize fiveToOne = GPT_IMAGE_2.nearestSize(5, 1, 3_000_000);

        assertThat(fiveToOne).isEqualTo(ImageSize.of(3024, 1008));
        assertThat(fiveToOne).isEqualTo(GPT_IMAGE_2.nearestSize(3, 1, 3_000_000));
        assertThat(errorsFor(GPT_IMAGE_2, fiveToOne)).isEmpty();
    }

    @Test
    void nearestClampsATallerRatioThanOneToThreeToOneToThree() {
        ImageSize oneToFive = GPT_IMAGE_2.nearestSize(1, 5, 3_000_000);

        assertThat(oneToFive.width()).isEqualTo(1008);
        assertThat((double) oneToFive.height() / oneToFive.width()).isBetween(2.95, 3.0);
        assertThat(errorsFor(GPT_IMAGE_2, oneToFive)).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1} at {2} px -> {3}")
    @CsvSource({
            "16, 9, 20000000,            3840x2160",
            "9,  16, 20000000,           2160x3840",
            "1,  1, 9223372036854775807, 2880x2880",
            "5,  1, 20000000,            3840x1280",
    })
    void nearestClampsABudgetAboveTheMaximumToTheLargestAcceptedSize(int aspectWidth, int aspectHeight,
                                                                     long budget, String expected) {
        ImageSize size = GPT_IMAGE_2.nearestSize(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
        assertThat(size.pixels()).isLessThanOrEqualTo(MAX_PIXELS);
        assertThat(errorsFor(GPT_IMAGE_2, size)).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1} at {2} px -> {3}")
    @CsvSource({
            "1,  1, 100, 816x816",
            "21, 9, 100, 1248x528",
    })
    void nearestClampsABudgetBelowTheMinimumToTheSmallestAcceptedSize(int aspectWidth, int aspectHeight,
                                                                      long budget, String expected) {
        ImageSize size = GPT_IMAGE_2.nearestSize(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
        assertThat(size.pixels()).isGreaterThanOrEqualTo(MIN_PIXELS);
        assertThat(errorsFor(GPT_IMAGE_2, size)).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1} at {2} px -> {3}")
    @CsvSource({
            "16, 9,  2000000, 1536x1024",
            "9,  16, 2000000, 1024x1536",
            "1,  1,  1000000, 1024x1024",
            "2,  3,  1572864, 1024x1536",
            "21, 9,  4000000, 1536x1024",
    })
    void nearestOnAFixedSizeModelPicksTheClosestOfItsSizes(int aspectWidth, int aspectHeight, long budget,
                                                          String expected) {
        ImageSize size = GPT_IMAGE_1.nearestSize(aspectWidth, aspectHeight, budget);

        assertThat(size).isEqualTo(ImageSize.parse(expected));
    }

    @Test
    void nearestOnAnyRuleFollowsTheRatioAndBudgetExactly() {
        SizeRule any = SizeRule.any();

        ImageSize size = any.nearest(21, 9, 4_000_000);

        assertThat(size).isEqualTo(ImageSize.of(3055, 1309));
        assertThat(any.nearest(1, 1, 1)).isEqualTo(ImageSize.of(1, 1));
    }

    static Stream<Arguments> nonPositiveInputs() {
        List<SizeRule> rules = List.of(GPT_IMAGE_2.sizes(), GPT_IMAGE_1.sizes(), SizeRule.any());
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
    void gptImage2OffersTheSizesOfTheVendorPage() {
        List<ImageSize> presets = GPT_IMAGE_2.sizes().presets();

        assertThat(presets).extracting(ImageSize::wireName).containsExactly(
                "1024x1024", "1536x1024", "1024x1536", "2048x2048", "2048x1152", "3840x2160", "2160x3840");
    }

    @Test
    void everyPresetOfEveryCatalogModelValidatesWithoutError() {
        List<String> failures = new ArrayList<>();

        for (ModelSpec spec : CATALOG.models()) {
            for (ImageSize preset : spec.sizes().presets()) {
                List<Violation> errors = errorsFor(spec, preset);
                if (!errors.isEmpty()) {
                    failures.add(spec.id() + " " + preset + ": " + errors);
                }
            }
        }

        assertThat(CATALOG.specFor("gpt-image-2").sizes().presets()).hasSize(7);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyResultOfNearestValidatesWithoutErrorAndStaysCloseToTheRatioAndBudget() {
        long[] budgets = {1, 300_000, MIN_PIXELS - 1, MIN_PIXELS, 1_000_000, 2_222_222, 3_686_400, 4_000_000,
                6_500_000, MAX_PIXELS, MAX_PIXELS + 1, 40_000_000, Long.MAX_VALUE};
        List<String> failures = new ArrayList<>();
        int checked = 0;

        for (ModelSpec spec : CATALOG.models()) {
            for (int aspectWidth = 1; aspectWidth <= 22; aspectWidth += 3) {
                for (int aspectHeight = 1; aspectHeight <= 22; aspectHeight += 2) {
                    for (long budget : budgets) {
                        ImageSize size = spec.nearestSize(aspectWidth, aspectHeight, budget);
                        checked++;
                        String input = spec.id() + " " + aspectWidth + ":" + aspectHeight + " at " + budget + " -> "
                                + size;
                        List<Violation> errors = errorsFor(spec, size);
                        if (!errors.isEmpty()) {
                            failures.add(input + ": " + errors);
                        }
                        if (spec.sizes() instanceof SizeRule.Flexible) {
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

        assertThat(checked).isEqualTo(4 * 8 * 11 * budgets.length);
        assertThat(failures).isEmpty();
    }

    @Test
    void fixedRuleRefusesAnEmptyListOrAuto() {
        assertThatThrownBy(SizeRule::fixed)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fixed size rule lists at least one explicit size, not auto");
        assertThatThrownBy(() -> SizeRule.fixed(ImageSize.of(1024, 1024), ImageSize.AUTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fixed size rule lists at least one explicit size, not auto");
    }

    @Test
    void flexibleRuleRefusesInconsistentLimits() {
        SizeRule.LongRange pixels = new SizeRule.LongRange(1, 100);

        assertThatThrownBy(() -> new SizeRule.Flexible(16, 8, 3.0, pixels, ImageSize.of(4, 4), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inconsistent flexible size rule: multipleOf 16, maxEdge 8, maxAspectRatio 3.0");
        assertThatThrownBy(() -> new SizeRule.LongRange(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range min 5 is above max 4");
    }

    @Test
    void everyRuleAcceptsAuto() {
        List<SizeRule> rules = List.of(GPT_IMAGE_2.sizes(), GPT_IMAGE_1.sizes(), SizeRule.any());

        assertThat(rules).allSatisfy(rule -> assertThat(rule.check(ImageSize.AUTO, "m")).isEmpty());
    }
}
