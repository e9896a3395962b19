package dev.imagegen4j.gptproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against the real GPTProto endpoint, with the key of {@code GPTPROTO_API_KEY} (and the base URL of
 * {@code GPTPROTO_BASE_URL}, if set). Never runs in CI: Surefire runs only {@code *Test} classes, and
 * without the key the class is skipped. Each generation is billed; every request asks for the cheapest
 * image. Run it with {@code mvn -pl provider-gptproto surefire:test -Dtest=GptProtoLiveIT}.
 */
@EnabledIfEnvironmentVariable(named = "GPTPROTO_API_KEY", matches = ".+")
class GptProtoLiveIT {
    private static final ImageRequest CHEAP = ImageRequest.builder("A small red circle on a white background")
            .model("gpt-image-1").size(ImageSize.of(1024, 1024)).quality(Quality.LOW).outputFormat(OutputFormat.PNG)
            .build();

    private static ImageGenerator generator() {
        return ImageGenerator.create(new GptProtoImageProvider(), ProviderConfig.defaults());
    }

    @Test
    void generatesAnImage() {
        ImageResponse response;
        try (var generator = generator()) {
            response = generator.generate(CHEAP);
        }

        assertThat(response.images()).singleElement().satisfies(image -> {
            assertThat(image.format()).isEqualTo(ImageFormat.PNG);
            assertThat(image.size()).isEqualTo(ImageSize.of(1024, 1024));
        });
        assertThat(response.usage()).isNotNull();
    }

    @Test
    void streamsAnImageWithAPartial() {
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response;
        try (var generator = generator()) {
            response = generator.stream(CHEAP.toBuilder().partialImages(1).build(), events::add);
        }

        assertThat(events).last().isInstanceOf(ImageEvent.Completed.class);
        assertThat(response.images()).hasSize(1);
    }

    @Test
    void rejectsAWrongKey() {
        ProviderConfig wrongKey = ProviderConfig.builder().systemProperties(Map.of())
                .environment(Map.of("GPTPROTO_BASE_URL", System.getenv().getOrDefault("GPTPROTO_BASE_URL",
                        "https://gptproto.com")))
                .apiKey("sk-imagegen4j-not-a-real-key").build();

        Throwable thrown;
        try (var generator = ImageGenerator.create(new GptProtoImageProvider(), wrongKey)) {
            thrown = catchThrowable(() -> generator.generate(CHEAP));
        }

        assertThat(thrown).isInstanceOf(AuthenticationException.class);
        assertThat(thrown.getMessage()).doesNotContain("not-a-real-key");
    }
}
