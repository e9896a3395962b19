package dev.imagegen4j.bfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageJob;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.JobState;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.bfl.api.BflModels;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bfl provider end to end against the mock's server: jobs, re-attaching, and each way a task can end. */
class BflMockServerTest {
    private MockServer server;

    @BeforeEach
    void startServer() {
        server = MockServer.start(0, ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey(Fixtures.KEY).build()).bflPendingPolls(2);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ImageGenerator generator() {
        return ImageGenerator.builder(new BflImageProvider()).polling(Fixtures.FAST).config(ProviderConfig.builder()
                .environment(Map.of()).systemProperties(Map.of()).baseUrl(server.baseUrl()).apiKey(Fixtures.KEY)
                .set("max-retries", "0").build()).build();
    }

    private static ImageRequest fox(String prompt) {
        return ImageRequest.builder(prompt).model(BflModels.FLUX_PRO_1_1).size(ImageSize.of(1024, 768)).seed(7L).build();
    }

    @Test
    void generatesTheSizeSeedAndFormatAskedForAfterPendingPolls() {
        List<JobState> states = new ArrayList<>();

        ImageResponse response;
        try (ImageGenerator generator = generator()) {
            response = generator.stream(fox("a fox"), event -> {
                if (event instanceof ImageEvent.JobProgress progress) {
                    states.add(progress.state());
                }
            });
        }

        assertThat(response.image().size()).isEqualTo(ImageSize.of(1024, 768));
        assertThat(response.image().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(response.image().seed()).hasValue(7L);
        assertThat(states).containsExactly(JobState.QUEUED, JobState.QUEUED, JobState.RUNNING, JobState.READY);
        assertThat(server.bflSubmitCount()).isEqualTo(1);
    }

    @Test
    void withoutASeedTheImageCarriesTheSeedBflChose() {
        ImageResponse response;
        try (ImageGenerator generator = generator()) {
            response = generator.generate(ImageRequest.builder("a fox").model(BflModels.FLUX_2_KLEIN_4B).build());
        }

        assertThat(response.image().seed()).isPresent();
        assertThat(response.image().size()).isEqualTo(ImageSize.of(1024, 1024));
    }

    @Test
    void aJobIsReattachedFromAFreshGeneratorWithoutASecondSubmit() {
        String id;
        try (ImageGenerator first = generator()) {
            ImageJob job = first.submit(ImageRequest.builder("two foxes").model(BflModels.FLUX_PRO_1_1).count(2)
                    .seed(11L).build());
            id = job.id();
        }
        ImageResponse response;
        try (ImageGenerator second = generator()) {
            response = second.job(id).await(Duration.ofSeconds(30));
        }

        assertThat(response.images()).hasSize(2);
        assertThat(response.images()).extracting(image -> image.seed().orElseThrow()).containsExactly(11L, 12L);
        assertThat(server.bflSubmitCount()).isEqualTo(2);
    }

    private ImageGenerationException fails(ImageRequest request) {
        try (ImageGenerator generator = generator()) {
            return catchThrowableOfType(ImageGenerationException.class, () -> generator.generate(request));
        }
    }

    @Test
    void eachScenarioEndsInItsType() {
        assertThat(fails(fox("a fox " + MockServer.BFL_CONTENT_MODERATED))).isInstanceOf(ContentPolicyException.class)
                .hasMessageContaining("Content Moderated");
        assertThat(fails(fox("a fox " + MockServer.BFL_REQUEST_MODERATED))).isInstanceOf(ContentPolicyException.class)
                .hasMessageContaining("Request Moderated");
        assertThat(fails(fox("a fox " + MockServer.BFL_TASK_ERROR))).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("the mock failed this task on purpose");
        assertThat(fails(fox("a fox " + MockServer.BFL_TASK_EXPIRED))).isInstanceOf(JobNotFoundException.class)
                .hasMessageContaining("Task not found");
        assertThat(server.bflSubmitCount()).isEqualTo(4);
    }

    @Test
    void faultsAnswerSubmitsWithBflsStatuses() {
        server.behavior().failNext(MockFault.INSUFFICIENT_BALANCE).failNext(MockFault.RATE_LIMIT);

        assertThat(fails(fox("a fox"))).isInstanceOf(PermissionDeniedException.class);
        assertThat(fails(fox("a fox"))).isInstanceOf(RateLimitException.class);
    }
}
