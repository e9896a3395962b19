package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Estimates and actual costs from the price catalog: the arithmetic every provider shares. */
class CostEstimatorTest {
    /** Counts one text token per prompt character and 100 image tokens per image; per image for n. */
    private static final TokenRule TOKENS = (request, model) -> {
        int n = request.count() == null ? 1 : request.count();
        return new TokenEstimate((long) request.prompt().length() * n, 10L * request.images().size() * n, 100L * n,
                List.of("counted by the test"));
    };
    private static final ModelSpec TOKEN_MODEL = ModelSpec.builder("tokens").known(true).count(IntRange.of(1, 4))
            .qualities(Quality.AUTO, Quality.LOW, Quality.HIGH).tokens(TOKENS)
            .inputImages(IntRange.of(0, 2), 1_000_000, ImageFormat.PNG).build();
    private static final ModelSpec IMAGE_MODEL = ModelSpec.builder("painter").known(true).count(IntRange.of(1, 4))
            .qualities(Quality.AUTO, Quality.LOW, Quality.HIGH).inputImages(IntRange.of(0, 2), 1_000_000, ImageFormat.PNG)
            .build();
    private static final ModelSpec MEGAPIXEL_MODEL = ModelSpec.builder("area").known(true).count(IntRange.of(1, 4))
            .inputImages(IntRange.of(0, 2), 1_000_000, ImageFormat.PNG).build();
    private static final ModelSpec HALF_KNOWN = ModelSpec.builder("half").known(true).tokens(TOKENS).build();
    private static final ModelSpec UNPRICED = ModelSpec.builder("unpriced").known(true).tokens(TOKENS).build();

    private final CostEstimator estimator = CostEstimator.of(
            new FakeProvider(TOKEN_MODEL, IMAGE_MODEL, MEGAPIXEL_MODEL, HALF_KNOWN, UNPRICED), prices("""
                    fake/tokens.date=2026-12-02
                    fake/tokens.source=https://vendor.example/tokens
                    fake/tokens.text-input=5
                    fake/tokens.image-input=10
                    fake/tokens.image-output=40
                    fake/tokens.text-output=unknown
                    fake/half.date=2026-12-02
                    fake/half.source=https://vendor.example/half
                    fake/half.text-input=unknown
                    fake/half.image-output=40
                    fake/painter.date=2026-12-02
                    fake/painter.source=https://vendor.example/painter
                    fake/painter.per-image=3
                    fake/painter.per-image@high=5
                    fake/painter.per-image@1024x1024@high=6
                    fake/painter.usd-per-credit=0.01
                    fake/area.date=2026-12-02
                    fake/area.source=https://vendor.example/area
                    fake/area.per-image=0.03
                    fake/area.per-extra-megapixel=0.015
                    """));

    private static PriceCatalog prices(String text) {
        try {
            return PriceCatalog.parse(new StringReader(text), "test");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ImageRequest.Builder request(String model) {
        return ImageRequest.builder("abcd").model(model);
    }

    private CostEstimate estimate(ImageRequest request) {
        return estimator.estimate(request, new ValidationOptions(false, false));
    }

    private static Usage usage(long input, Usage.TokenDetails inputDetails, long output, Usage.TokenDetails outputDetails) {
        return new Usage(input, inputDetails, output, outputDetails, input + output);
    }

    @Test
    void estimatesTokensAtTheEntrysRatesTimesN() {
        CostEstimate estimate = estimate(request("tokens").count(3).build());

        assertThat(estimate.tokens()).isEqualTo(new TokenEstimate(12, 0, 300, List.of("counted by the test")));
        // 12 text tokens at $5/M and 300 image tokens at $40/M
        assertThat(estimate.usd()).isEqualByComparingTo("0.01206");
        assertThat(estimate.images()).isEqualTo(3);
        assertThat(estimate.price().source()).isEqualTo("https://vendor.example/tokens");
        assertThat(estimate.describe()).isEqualTo("$0.01206 (300 output tokens)");
    }

    @Test
    void anEstimateNeedingAnUnknownRateIsUnknownAndSaysWhich() {
        CostEstimate estimate = estimate(request("half").build());

        assertThat(estimate.usd()).isNull();
        assertThat(estimate.isKnown()).isFalse();
        assertThat(estimate.notes()).contains("the text input rate of fake/half is unknown");
        assertThat(estimate.describe()).isEqualTo("unknown (100 output tokens)");
    }

    @Test
    void aModelWithoutAPriceIsUnknownNeverZero() {
        CostEstimate estimate = estimate(request("unpriced").build());

        assertThat(estimate.usd()).isNull();
        assertThat(estimate.price()).isNull();
        assertThat(estimate.notes()).contains("the price catalog has no price for fake/unpriced");
    }

    @Test
    void perImagePricesTakeTheMostSpecificFigureAndConvertCredits() {
        assertThat(estimate(request("painter").quality(Quality.LOW).count(2).build()).usd()).isEqualByComparingTo("0.06");
        assertThat(estimate(request("painter").quality(Quality.HIGH).build()).usd()).isEqualByComparingTo("0.05");
        assertThat(estimate(request("painter").quality(Quality.HIGH).size(ImageSize.of(1024, 1024)).build()).usd())
                .isEqualByComparingTo("0.06");
        assertThat(estimate(request("painter").quality(Quality.LOW).build()).notes())
                .containsExactly("3 credits at $0.01 per credit");
    }

    @Test
    void aQualityLeftToTheVendorIsEstimatedAtTheMostExpensiveFigureAndSaysSo() {
        CostEstimate unset = estimate(request("painter").build());
        CostEstimate auto = estimate(request("painter").quality(Quality.AUTO).size(ImageSize.of(1024, 1024)).build());

        assertThat(unset.usd()).isEqualByComparingTo("0.05");
        assertThat(unset.notes()).containsExactly("quality left to the vendor: estimated at the most expensive figure",
                "5 credits at $0.01 per credit");
        assertThat(auto.usd()).isEqualByComparingTo("0.06");
    }

    @Test
    void perMegapixelPricesAddEachFurtherOutputAndEveryInputMegapixel() {
        InputImage input = InputImage.of(TestImages.png(1000, 500));

        CostEstimate estimate = estimate(request("area").size(ImageSize.of(2000, 1000)).image(input).build());

        // first megapixel $0.03, then 1 further output megapixel and 0.5 input megapixels at $0.015
        assertThat(estimate.usd()).isEqualByComparingTo("0.0525");
    }

    @Test
    void aPerMegapixelPriceNeedsAnExactSize() {
        CostEstimate estimate = estimate(request("area").build());

        assertThat(estimate.usd()).isNull();
        assertThat(estimate.notes()).contains("area is priced by megapixel, which needs an exact size; the size is "
                + "the vendor's default");
    }

    /** The figures shipped for the BFL module (docs/providers/bfl.md section 8), through a provider of its id. */
    @Test
    void theBflFiguresEstimateAsBflsPricingSays() throws IOException {
        ModelSpec flat = ModelSpec.builder("flux-kontext-pro").known(true).count(IntRange.of(1, 4)).build();
        ModelSpec byArea = ModelSpec.builder("flux-2-pro").known(true).build();
        ModelSpec unknown = ModelSpec.builder("flux-dev").known(true).build();
        FakeProvider bfl = new FakeProvider(flat, byArea, unknown) {
            @Override
            public String id() {
                return "bfl";
            }
        };
        CostEstimator prices = CostEstimator.of(bfl, PriceCatalog.load(Path.of(
                "../provider-bfl/src/main/resources/META-INF/imagegen4j/prices/bfl.properties")));
        ValidationOptions strict = new ValidationOptions(false, false);

        CostEstimate kontext = prices.estimate(ImageRequest.builder("a").model("flux-kontext-pro").count(2).build(), strict);
        CostEstimate flux2 = prices.estimate(ImageRequest.builder("a").model("flux-2-pro").size(ImageSize.of(1920, 1080))
                .build(), strict);
        CostEstimate dev = prices.estimate(ImageRequest.builder("a").model("flux-dev").build(), strict);

        assertThat(kontext.usd()).isEqualByComparingTo("0.08");
        // 3 credits for the first megapixel, 1.5 for each of the 1.0736 further ones, at $0.01
        assertThat(flux2.usd()).isEqualByComparingTo("0.046104");
        assertThat(dev.usd()).isNull();
        assertThat(dev.notes()).containsExactly("the price of bfl/flux-dev is unknown (https://docs.bfl.ml/quick_start/pricing)");
    }

    @Test
    void theActualCostSplitsInputAndOutputByTheDetails() {
        Usage usage = usage(30, new Usage.TokenDetails(10, 20), 4160, new Usage.TokenDetails(0, 4160));

        Cost cost = estimator.cost(TOKEN_MODEL, request("tokens").build(), 1, usage);

        // 10 text at $5/M, 20 image at $10/M, 4160 image output at $40/M
        assertThat(cost.usd()).isEqualByComparingTo("0.16665");
        assertThat(cost.notes()).isEmpty();
        assertThat(cost.price().model()).isEqualTo("tokens");
    }

    @Test
    void outputTokensWithoutDetailsCountAsImageTokensNotText() {
        Usage usage = usage(8, new Usage.TokenDetails(8, 0), 196, Usage.TokenDetails.NONE);

        Cost cost = estimator.cost(TOKEN_MODEL, request("tokens").build(), 1, usage);

        // the text output rate is unknown: had the 196 tokens been taken for text, the cost would be unknown
        assertThat(cost.usd()).isEqualByComparingTo("0.00788");
        assertThat(cost.notes()).containsExactly("196 output tokens without details counted as image tokens");
    }

    @Test
    void inputTokensWithoutDetailsCountAsTextOrAsImageTokensOfAnEdit() {
        Usage usage = usage(100, Usage.TokenDetails.NONE, 0, Usage.TokenDetails.NONE);
        ImageRequest edit = request("tokens").image(InputImage.of(TestImages.png(4, 4))).build();

        Cost generation = estimator.cost(TOKEN_MODEL, request("tokens").build(), 1, usage);
        Cost ofEdit = estimator.cost(TOKEN_MODEL, edit, 1, usage);

        assertThat(generation.usd()).isEqualByComparingTo("0.0005");
        assertThat(generation.notes()).containsExactly("100 input tokens without details counted as text tokens");
        assertThat(ofEdit.usd()).isEqualByComparingTo("0.001");
        assertThat(ofEdit.notes()).containsExactly("100 input tokens without details counted as image tokens");
    }

    @Test
    void aTokenBilledResponseWithoutUsageHasAnUnknownCostNeverZero() {
        Cost cost = estimator.cost(TOKEN_MODEL, request("tokens").build(), 1, null);

        assertThat(cost.usd()).isNull();
        assertThat(cost.isKnown()).isFalse();
        assertThat(cost.notes()).containsExactly("the provider reported no token usage for tokens");
        assertThat(cost.describe()).isEqualTo("unknown");
    }

    @Test
    void textOutputTokensAtAnUnknownRateMakeTheCostUnknown() {
        Usage usage = usage(0, Usage.TokenDetails.NONE, 110, new Usage.TokenDetails(10, 100));

        Cost cost = estimator.cost(TOKEN_MODEL, request("tokens").build(), 1, usage);

        assertThat(cost.usd()).isNull();
        assertThat(cost.notes()).containsExactly("the text output rate of fake/tokens is unknown");
    }

    @Test
    void aModelBilledPerImageCostsItsImagesWithoutUsage() {
        Cost cost = estimator.cost(IMAGE_MODEL, request("painter").quality(Quality.HIGH).build(), 3, null);

        assertThat(cost.usd()).isEqualByComparingTo("0.15");
    }

    @Test
    void costsAddUpAndAnUnknownPartMakesTheSumUnknown() {
        Cost known = new Cost(new BigDecimal("0.25"), null, List.of());

        assertThat(known.plus(known).usd()).isEqualByComparingTo("0.5");
        assertThat(known.plus(Cost.unknown(null, "no usage")).usd()).isNull();
        assertThat(known.plus(Cost.unknown(null, "no usage")).notes()).containsExactly("no usage");
    }

    @Test
    void amountsAreShownWithAtLeastTwoAndAtMostSixDecimalsNeverUnderstated() {
        assertThat(Cost.dollars(new BigDecimal("5"))).isEqualTo("$5.00");
        assertThat(Cost.dollars(new BigDecimal("0.00588"))).isEqualTo("$0.00588");
        assertThat(Cost.dollars(new BigDecimal("0.0000001"))).isEqualTo("$0.000001");
    }
}
