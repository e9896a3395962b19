package dev.imagegen4j.gptproto;

import static dev.imagegen4j.gptproto.GptProtoStubs.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.CostEstimator;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.Price;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import dev.imagegen4j.Usage;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.mock.MockServer;
import dev.imagegen4j.spi.ImageProvider;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prices both providers ship for the GPT image models, against the vendor's published figures. */
class GptImagePricesTest {
    private static final ValidationOptions STRICT = new ValidationOptions(false, false);

    private static CostEstimate estimate(ImageProvider provider, ImageRequest request) {
        return CostEstimator.of(provider).estimate(request, STRICT);
    }

    /**
     * Every catalogued GPT image model at every size of the vendor's tables and every priced quality, with the
     * one-character prompt "a" (one text token): the output tokens exactly, the amount exactly as tokens times
     * the list rates, and within half a cent of the per-image figure the vendor (or, where OpenAI's page was not
     * available, a page quoting it) lists for that image.
     */
    @ParameterizedTest(name = "{0} {1} {2}: {3} tokens, ${5}")
    @CsvSource({
            // model, size, quality, output tokens, USD per million (text input, image output), per-image list price
            "gpt-image-1, 1024x1024, low, 272, 5:40, 0.011", "gpt-image-1, 1024x1024, medium, 1056, 5:40, 0.042",
            "gpt-image-1, 1024x1024, high, 4160, 5:40, 0.167", "gpt-image-1, 1024x1536, low, 408, 5:40, 0.016",
            "gpt-image-1, 1024x1536, medium, 1584, 5:40, 0.063", "gpt-image-1, 1024x1536, high, 6240, 5:40, 0.25",
            "gpt-image-1, 1536x1024, low, 400, 5:40, 0.016", "gpt-image-1, 1536x1024, medium, 1568, 5:40, 0.063",
            "gpt-image-1, 1536x1024, high, 6208, 5:40, 0.25",
            "gpt-image-1-mini, 1024x1024, low, 272, 2:8, 0.005", "gpt-image-1-mini, 1024x1024, medium, 1056, 2:8, 0.011",
            "gpt-image-1-mini, 1024x1024, high, 4160, 2:8, 0.036", "gpt-image-1-mini, 1024x1536, low, 408, 2:8, 0.006",
            "gpt-image-1-mini, 1024x1536, medium, 1584, 2:8, 0.015", "gpt-image-1-mini, 1024x1536, high, 6240, 2:8, 0.052",
            "gpt-image-1-mini, 1536x1024, low, 400, 2:8, 0.006", "gpt-image-1-mini, 1536x1024, medium, 1568, 2:8, 0.015",
            "gpt-image-1-mini, 1536x1024, high, 6208, 2:8, 0.052",
            "gpt-image-1.5, 1024x1024, low, 272, 5:32, 0.009", "gpt-image-1.5, 1024x1024, medium, 1056, 5:32, 0.034",
            "gpt-image-1.5, 1024x1024, high, 4160, 5:32, 0.133", "gpt-image-1.5, 1024x1536, low, 408, 5:32, 0.013",
            "gpt-image-1.5, 1024x1536, medium, 1584, 5:32, 0.051", "gpt-image-1.5, 1024x1536, high, 6240, 5:32, 0.200",
            "gpt-image-1.5, 1536x1024, low, 400, 5:32, 0.013", "gpt-image-1.5, 1536x1024, medium, 1568, 5:32, 0.050",
            "gpt-image-1.5, 1536x1024, high, 6208, 5:32, 0.199",
            "gpt-image-2, 1024x1024, low, 196, 5:30, 0.006", "gpt-image-2, 1024x1024, medium, 1756, 5:30, 0.053",
            "gpt-image-2, 1024x1024, high, 7024, 5:30, 0.211", "gpt-image-2, 1536x1024, high, 5488, 5:30, 0.165"})
    void estimatesEveryModelAtThePublishedFigures(String model, String size, String quality, long outputTokens,
                                                  String rates, BigDecimal listPrice) {
        BigDecimal textRate = new BigDecimal(rates.split(":")[0]);
        BigDecimal outputRate = new BigDecimal(rates.split(":")[1]);
        BigDecimal expected = textRate.add(outputRate.multiply(BigDecimal.valueOf(outputTokens))).movePointLeft(6);
        ImageRequest request = ImageRequest.builder("a").model(model).size(ImageSize.parse(size))
                .quality(Quality.parse(quality)).build();

        for (ImageProvider provider : new ImageProvider[] {new OpenAiImageProvider(), new GptProtoImageProvider()}) {
            CostEstimate estimate = estimate(provider, request);

            assertThat(estimate.tokens().imageOutputTokens()).as(provider.id()).isEqualTo(outputTokens);
            assertThat(estimate.tokens().textInputTokens()).isEqualTo(1);
            assertThat(estimate.usd()).as(provider.id()).isEqualByComparingTo(expected);
            assertThat(estimate.usd().subtract(listPrice).abs()).as(provider.id() + " against the list price")
                    .isLessThan(new BigDecimal("0.005"));
            assertThat(estimate.price().provider()).isEqualTo(provider.id());
        }
    }

    @Test
    void theDoneWhenExampleIs196OutputTokensAndAboutSixTenthsOfACent() {
        CostEstimate estimate = estimate(new OpenAiImageProvider(), ImageRequest.builder("a cat").model("gpt-image-2")
                .size(ImageSize.of(1024, 1024)).quality(Quality.LOW).build());

        assertThat(estimate.tokens().imageOutputTokens()).isEqualTo(196);
        // 196 x $30/M + 2 prompt tokens x $5/M
        assertThat(estimate.usd()).isEqualByComparingTo("0.00589");
    }

    @Test
    void gptProtosPricesAreOpenAisListPricesLabelledSo() {
        for (Price price : CostEstimator.of(new GptProtoImageProvider()).prices().prices()) {
            if (price.isKnown()) {
                assertThat(price.note()).as(price.model()).startsWith("OpenAI list price, not GPTProto's own");
                Price openai = CostEstimator.of(new OpenAiImageProvider()).prices().find("openai", price.model())
                        .orElseThrow();
                assertThat(price.tokens()).isEqualTo(openai.tokens());
            } else {
                assertThat(price.note()).as(price.model()).startsWith("unknown");
            }
        }
    }

    @Test
    void everyModelOfTheCatalogIsPricedOrSaysWhyNot() {
        for (ImageProvider provider : new ImageProvider[] {new OpenAiImageProvider(), new GptProtoImageProvider()}) {
            for (ModelSpec spec : provider.models().models()) {
                CostEstimate estimate = estimate(provider, ImageRequest.builder("a").model(spec.id()).build());
                if (spec.tokenRule() != null) {
                    assertThat(estimate.usd()).as(provider.id() + "/" + spec.id()).isNotNull();
                } else {
                    assertThat(estimate.usd()).as(provider.id() + "/" + spec.id()).isNull();
                    assertThat(estimate.notes()).as(spec.id()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void aResponseThroughTheWireCarriesItsCostFromTheReportedUsage() {
        try (MockServer server = MockServer.start(0, ProviderConfig.builder().environment(Map.of())
                .systemProperties(Map.of()).build());
             ImageGenerator generator = ImageGenerator.create(new GptProtoImageProvider(),
                     config(server.baseUrl().toString()))) {
            ImageResponse response = generator.generate(ImageRequest.builder("a lighthouse at dusk").model("gpt-image-2")
                    .size(ImageSize.of(1024, 1024)).quality(Quality.LOW).count(2).build());

            Usage usage = response.usage();
            BigDecimal expected = BigDecimal.valueOf(usage.inputDetails().textTokens()).multiply(new BigDecimal("5"))
                    .add(BigDecimal.valueOf(usage.outputTokens()).multiply(new BigDecimal("30"))).movePointLeft(6);
            assertThat(usage.outputTokens()).isPositive();
            assertThat(response.cost().usd()).isEqualByComparingTo(expected);
            assertThat(response.cost().price().source()).isEqualTo("https://developers.openai.com/api/docs/pricing");
        }
    }
}
