package dev.imagegen4j.stability;

import static dev.imagegen4j.stability.Fixtures.fields;
import static dev.imagegen4j.stability.Fixtures.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several images: one call each, through core's fan-out, against the rendering stub. */
class StabilityFanOutTest {
    @RegisterExtension
    static final WireMockExtension WM = Fixtures.server(new StabilityStub());

    @BeforeEach
    void stubService() {
        StabilityStub.register(WM.getRuntimeInfo().getWireMock());
    }

    private static ImageGenerator sequential() {
        return ImageGenerator.builder(new StabilityImageProvider()).config(Fixtures.config(WM)).maxConcurrentCalls(1)
                .build();
    }

    /** The seeds the stub answered with, in the order the requests arrived. */
    private static List<String> answeredSeeds() {
        return WM.getAllServeEvents().stream().sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ServeEvent::getResponse).map(r -> r.getHeaders().getHeader("seed").firstValue()).toList();
    }

    @Test
    void splitsThreeImagesIntoThreeCallsInOrderWithSeedsCountedUp() {
        ImageResponse response;
        byte[] second;
        try (ImageGenerator generator = sequential()) {
            response = generator.generate(ImageRequest.builder("a fox").count(3).seed(42L).build());
            WM.resetRequests();
            second = generator.generate(ImageRequest.builder("a fox").seed(43L).build()).image().bytes();
        }

        assertThat(response.images()).hasSize(3);
        assertThat(response.images()).extracting(GeneratedImage::bytes).doesNotHaveDuplicates();
        assertThat(response.images().get(1).bytes()).isEqualTo(second);
        assertThat(fields(sent(WM).get(0))).containsExactly(entry("prompt", "a fox"), entry("seed", "43"));
    }

    @Test
    void sendsTheThreeCallsSeeds42To44AndReportsEachImagesSeed() {
        ImageResponse response;
        try (ImageGenerator generator = sequential()) {
            response = generator.generate(ImageRequest.builder("a fox").count(3).seed(42L).build());
        }

        assertThat(sent(WM)).extracting(r -> fields(r).get("seed")).containsExactly("42", "43", "44");
        assertThat(answeredSeeds()).containsExactly("42", "43", "44");
        assertThat(response.images()).extracting(image -> image.seed().orElseThrow()).containsExactly(42L, 43L, 44L);
    }

    @Test
    void leavesTheSeedsToTheServiceWhenNoneIsGivenWhichPicksADifferentOneForEachCall() {
        ImageResponse response;
        try (ImageGenerator generator = sequential()) {
            response = generator.generate(ImageRequest.builder("a fox").count(3).build());
        }

        assertThat(sent(WM)).allSatisfy(r -> assertThat(fields(r)).containsOnlyKeys("prompt"));
        assertThat(answeredSeeds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(response.images()).extracting(GeneratedImage::bytes).doesNotHaveDuplicates();
        assertThat(response.images()).extracting(image -> Long.toString(image.seed().orElseThrow()))
                .containsExactlyElementsOf(answeredSeeds());
    }

    /** What {@code imagegen generate --provider stability --size 16:9 --seed 42 --negative-prompt blurry --format webp -n 2 "a fox"} asks for. */
    @Test
    void generatesTheCommandLineScenarioOfTwoWebpImagesAt16To9() {
        ProviderConfig environment = ProviderConfig.builder().environment(Map.of("STABILITY_BASE_URL", WM.baseUrl(),
                "STABILITY_API_KEY", Fixtures.KEY)).build();

        ImageResponse response;
        try (ImageGenerator generator = ImageGenerator.create(new StabilityImageProvider(), environment)) {
            response = generator.generate(ImageRequest.builder("a fox").size(ImageSize.parse("16:9")).seed(42L)
                    .negativePrompt("blurry").outputFormat(OutputFormat.WEBP).count(2).build());
        }

        assertThat(response.providerId()).isEqualTo("stability");
        assertThat(response.model()).isEqualTo("stable-image-core");
        assertThat(response.warnings()).isEmpty();
        assertThat(response.images()).hasSize(2).allSatisfy(image -> {
            assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
            assertThat((double) image.width() / image.height()).isCloseTo(16 / 9.0, org.assertj.core.data.Offset.offset(0.05));
        });
        assertThat(response.images().get(0).bytes()).isNotEqualTo(response.images().get(1).bytes());
        assertThat(sent(WM)).hasSize(2).allSatisfy(r -> assertThat(r.getUrl())
                .isEqualTo("/v2beta/stable-image/generate/core"));
        assertThat(sent(WM)).extracting(Fixtures::fields).containsExactlyInAnyOrder(
                Map.of("prompt", "a fox", "aspect_ratio", "16:9", "negative_prompt", "blurry", "seed", "42",
                        "output_format", "webp"),
                Map.of("prompt", "a fox", "aspect_ratio", "16:9", "negative_prompt", "blurry", "seed", "43",
                        "output_format", "webp"));
    }
}
