package dev.imagegen4j.gptproto;

import static dev.imagegen4j.gptproto.GptProtoStubs.config;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the provider, found and configured as a user would, against the mock provider's
 * loopback server, which speaks the same wire format and renders real images.
 */
class GptProtoMockServerTest {
    private static MockServer server;

    @BeforeAll
    static void startServer() {
        server = MockServer.start(0, ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetFaults() {
        server.behavior().reset();
    }

    private static ImageGenerator generator() {
        return ImageGenerator.create(new GptProtoImageProvider(), config(server.baseUrl().toString()));
    }

    @Test
    void generatesTwoWebpImages() {
        ImageResponse response;
        try (var generator = generator()) {
            response = generator.generate(request().count(2).outputFormat(OutputFormat.WEBP).quality(Quality.LOW)
                    .build());
        }

        assertThat(response.images()).hasSize(2).allSatisfy(image -> {
            assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
            assertThat(image.size()).isEqualTo(ImageSize.of(1024, 1024));
        });
        assertThat(response.images().get(0).bytes()).isNotEqualTo(response.images().get(1).bytes());
        assertThat(response.outputFormat()).isEqualTo("webp");
        assertThat(response.quality()).isEqualTo("low");
        assertThat(response.size()).isEqualTo("1024x1024");
        assertThat(response.usage()).isNotNull();
        assertThat(response.requestId()).startsWith("req_");
    }

    @Test
    void streamsTwoPartialsThenTheImage() {
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response;
        try (var generator = generator()) {
            response = generator.stream(request().model("gpt-image-2").size(ImageSize.of(1024, 640))
                    .partialImages(2).build(), events::add);
        }

        assertThat(events).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("PartialImage", "PartialImage", "Completed");
        assertThat(events).extracting(event -> event instanceof ImageEvent.PartialImage partial ? partial.image()
                        : ((ImageEvent.Completed) event).image()).extracting(GeneratedImage::size)
                .containsOnly(ImageSize.of(1024, 640));
        assertThat(response.images()).singleElement().isSameAs(((ImageEvent.Completed) events.get(2)).image());
        assertThat(response.model()).isEqualTo("gpt-image-2");
        assertThat(response.usage()).isNotNull();
    }

    @Test
    void retriesAnInjectedRateLimitToSuccessAfterTheDelayTheServerAsks() {
        server.behavior().failNext(MockFault.RATE_LIMIT).retryAfter(Duration.ofMillis(1500));

        ImageResponse response;
        List<Duration> delays;
        try (var rig = GptProtoStubs.rig(server.baseUrl().toString())) {
            response = rig.generate();
            delays = rig.delays;
        }

        assertThat(response.images()).hasSize(1);
        assertThat(delays).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void retriesTwiceThenReportsTheRateLimit() {
        server.behavior().failNext(MockFault.RATE_LIMIT, 3).retryAfter(Duration.ofSeconds(2));

        Throwable thrown;
        try (var rig = GptProtoStubs.rig(server.baseUrl().toString())) {
            thrown = catchThrowable(rig::generate);
        }

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(((RateLimitException) thrown).errorCode()).contains("rate_limit_exceeded");
    }

    @Test
    void mapsAnInjectedContentPolicyRefusal() {
        server.behavior().failNext(MockFault.CONTENT_POLICY);

        Throwable thrown;
        try (var generator = generator()) {
            thrown = catchThrowable(() -> generator.generate(request().build()));
        }

        assertThat(thrown).isInstanceOf(ContentPolicyException.class)
                .hasMessageStartingWith("Your request was rejected by the safety system. (provider gptproto, "
                        + "HTTP 400, code moderation_blocked, request req_");
    }

    @Test
    void mapsAnInjectedBalanceError() {
        server.behavior().failNext(MockFault.INSUFFICIENT_BALANCE);

        Throwable thrown;
        try (var generator = generator()) {
            thrown = catchThrowable(() -> generator.generate(request().build()));
        }

        assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
        assertThat(((ImageGenerationException) thrown).httpStatus()).hasValue(403);
    }

    @Test
    void isRefusedWithAnotherKeyThanTheServerExpects() {
        ProviderConfig mockSettings = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey("the-right-key").build();

        Throwable thrown;
        ImageResponse accepted;
        try (MockServer guarded = MockServer.start(0, mockSettings);
             var wrong = ImageGenerator.create(new GptProtoImageProvider(), config(guarded.baseUrl().toString()));
             var right = ImageGenerator.create(new GptProtoImageProvider(), config(guarded.baseUrl().toString(),
                     "api-key", "the-right-key", "auth-scheme", "bearer"))) {
            thrown = catchThrowable(() -> wrong.generate(request().build()));
            accepted = right.generate(request().build());
        }

        assertThat(thrown).isInstanceOf(AuthenticationException.class);
        assertThat(accepted.images()).hasSize(1);
    }

    @Test
    void isFoundByDiscoveryAndWorksFromConfigurationAlone() {
        ProviderConfig fromEnvironment = ProviderConfig.builder().systemProperties(Map.of()).environment(Map.of(
                "GPTPROTO_API_KEY", "env-key", "GPTPROTO_BASE_URL", server.baseUrl().toString())).build();

        ImageResponse response;
        try (var generator = ImageGenerator.create(ImageProviders.get("gptproto"), fromEnvironment)) {
            response = generator.generate(request().outputFormat(OutputFormat.JPEG).build());
        }

        assertThat(response.image().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(response.providerId()).isEqualTo("gptproto");
    }
}
