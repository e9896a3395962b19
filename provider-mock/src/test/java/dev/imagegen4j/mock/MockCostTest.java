package dev.imagegen4j.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import org.junit.jupiter.api.Test;

/** The mock sends nothing anywhere, so every model it serves is free, and says so. */
class MockCostTest {

    @Test
    void everyModelIsFreeWithTheOfflineSource() {
        try (ImageGenerator generator = ImageGenerator.create(new MockImageProvider(), ProviderConfig.defaults())) {
            for (String model : new String[] {"gpt-image-1", "gpt-image-2", "mock-ratio"}) {
                ImageRequest request = ImageRequest.builder("a fox").model(model).count(2).build();

                CostEstimate estimate = generator.estimate(request);
                ImageResponse response = generator.generate(request);

                assertThat(estimate.usd()).as(model).isZero();
                assertThat(estimate.price().source()).isEqualTo("mock: offline");
                assertThat(response.cost().usd()).as(model).isZero();
                assertThat(response.cost().price().source()).isEqualTo("mock: offline");
            }
        }
    }

    @Test
    void theGptImageModelsStillCountTheirTokens() {
        try (ImageGenerator generator = ImageGenerator.create(new MockImageProvider(), ProviderConfig.defaults())) {
            CostEstimate estimate = generator.estimate(ImageRequest.builder("a fox").model("gpt-image-2")
                    .size(ImageSize.of(1024, 1024)).quality(Quality.LOW).build());

            assertThat(estimate.tokens().imageOutputTokens()).isEqualTo(196);
        }
    }
}
