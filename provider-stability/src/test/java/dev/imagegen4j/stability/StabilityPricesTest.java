package dev.imagegen4j.stability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.CostEstimator;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.ValidationOptions;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stability's credits per image, as the catalog ships them, in estimates and actual costs. */
class StabilityPricesTest {
    @RegisterExtension
    static final WireMockExtension WM = Fixtures.server(new StabilityStub());

    private static final CostEstimator ESTIMATOR = CostEstimator.of(new StabilityImageProvider());

    /** The credits of Stability's OpenAPI descriptions, at $0.01 per credit, times n. */
    @ParameterizedTest(name = "{0}: {1} credits")
    @CsvSource({"stable-image-core, 3, 0.03", "stable-image-ultra, 8, 0.08", "sd3.5-large, 6.5, 0.065",
            "sd3.5-large-turbo, 4, 0.04", "sd3.5-medium, 3.5, 0.035"})
    void estimatesEveryModelAtItsCreditsPerImage(String model, String credits, BigDecimal usd) {
        CostEstimate estimate = ESTIMATOR.estimate(ImageRequest.builder("a fox").model(model).count(3).build(),
                new ValidationOptions(false, false));

        assertThat(estimate.usd()).isEqualByComparingTo(usd.multiply(BigDecimal.valueOf(3)));
        assertThat(estimate.tokens()).isNull();
        assertThat(estimate.notes()).containsExactly(new BigDecimal(credits).multiply(BigDecimal.valueOf(3))
                .stripTrailingZeros().toPlainString() + " credits at $0.01 per credit");
        assertThat(estimate.price().note()).contains("unconfirmed");
    }

    @Test
    void everyModelOfTheCatalogHasAPrice() {
        for (ModelSpec spec : new StabilityImageProvider().models().models()) {
            assertThat(ESTIMATOR.prices().find("stability", spec.id())).as(spec.id()).isPresent();
        }
    }

    @Test
    void aGenerationCostsItsImagesThoughStabilityReportsNoUsage() {
        StabilityStub.register(WM.getRuntimeInfo().getWireMock());
        ImageResponse response;
        try (ImageGenerator generator = ImageGenerator.create(new StabilityImageProvider(), Fixtures.config(WM))) {
            response = generator.generate(ImageRequest.builder("a fox").model("stable-image-ultra").count(2).build());
        }

        assertThat(response.usage()).isNull();
        assertThat(response.cost().usd()).isEqualByComparingTo("0.16");
    }
}
