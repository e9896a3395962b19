package dev.imagegen4j.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageJob;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.JobPolling;
import dev.imagegen4j.JobState;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** mock-async: jobs whose whole state is their handle, so they can be found again from another process. */
@Timeout(30)
class MockAsyncModelTest {
    private static final JobPolling QUICK = new JobPolling(Duration.ofMillis(20), 1.5, Duration.ofMillis(100));

    private final MockBehavior behavior = new MockBehavior().jobTime(Duration.ofMillis(300));
    private final List<ImageGenerator> generators = new ArrayList<>();

    @AfterEach
    void close() {
        generators.forEach(ImageGenerator::close);
    }

    private ImageGenerator generator() {
        ImageGenerator generator = ImageGenerator.builder(new MockImageProvider(behavior)).polling(QUICK).build();
        generators.add(generator);
        return generator;
    }

    private static ImageRequest request(String prompt) {
        return ImageRequest.builder(prompt).model("mock-async").size(ImageSize.parse("16:9")).seed(7L).build();
    }

    @Test
    void generateWaitsForTheJobReportingQueuedThenRunningThenTheImage() {
        List<ImageEvent> events = new ArrayList<>();

        ImageResponse response = generator().stream(request("a fox"), events::add);

        assertThat(response.image().size()).isEqualTo(ImageSize.of(1360, 765));
        assertThat(events).filteredOn(ImageEvent.JobProgress.class::isInstance)
                .extracting(event -> ((ImageEvent.JobProgress) event).state())
                .startsWith(JobState.QUEUED).contains(JobState.RUNNING).endsWith(JobState.READY);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ImageEvent.Completed.class);
    }

    @Test
    void aJobFoundAgainByAnotherGeneratorGivesTheSameImageWithoutSubmittingAgain() {
        ImageJob job = generator().submit(request("a fox"));
        long requestsAfterSubmit = behavior.requestCount();
        MockBehavior elsewhere = new MockBehavior();

        ImageGenerator fresh = ImageGenerator.builder(new MockImageProvider(elsewhere)).polling(QUICK).build();
        generators.add(fresh);
        ImageResponse found = fresh.job(job.id()).await(Duration.ofSeconds(10));

        assertThat(requestsAfterSubmit).isEqualTo(1);
        assertThat(behavior.requestCount()).as("nothing more went to the submitting side").isEqualTo(1);
        assertThat(found.image().bytes()).isEqualTo(generator().generate(request("a fox")).image().bytes());
    }

    @Test
    void eachOutcomeEndsTheJobWithItsType() {
        assertThatThrownBy(() -> outcome(MockJobOutcome.ERROR)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("job-outcome error");
        assertThatThrownBy(() -> outcome(MockJobOutcome.MODERATED)).isInstanceOf(ContentPolicyException.class);
        assertThatThrownBy(() -> outcome(MockJobOutcome.EXPIRED)).isInstanceOf(JobNotFoundException.class);
    }

    private ImageResponse outcome(MockJobOutcome outcome) {
        behavior.jobOutcome(outcome).jobTime(Duration.ofMillis(10));
        return generator().generate(request("a fox"));
    }

    @Test
    void aServerErrorWhilePollingIsPolledAgainAndTheJobIsNotSubmittedTwice() {
        ImageJob job = generator().submit(request("a fox"));
        behavior.failNext(MockFault.SERVER_ERROR, 2);

        ImageResponse response = job.await(Duration.ofSeconds(10));

        assertThat(response.images()).hasSize(1);
        assertThat(behavior.requestCount()).as("1 submit, 2 failed polls, the polls until ready, 1 fetch")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void aCancelledJobEndsAsCancelled() {
        ImageGenerator generator = generator();
        ImageJob job = generator.submit(request("a fox"));

        assertThat(job.cancel()).isTrue();

        assertThat(job.status().state()).isEqualTo(JobState.FAILED);
        assertThatThrownBy(() -> job.await(Duration.ofSeconds(5))).isInstanceOf(GenerationCancelledException.class);
    }

    @Test
    void aTamperedJobIdIsAJobTheMockDoesNotKnow() {
        String tampered = "mock:mock-async:1." + Base64.getUrlEncoder().withoutPadding().encodeToString("x|y".getBytes());

        JobNotFoundException failure = catchThrowableOfType(() -> generator().job(tampered).await(Duration.ofSeconds(5)),
                JobNotFoundException.class);

        assertThat(failure.jobId()).contains(tampered);
        assertThat(failure.getMessage()).contains("The mock knows no task 'x|y'");
    }

    @Test
    void jobTimeAndOutcomeAreSettings() {
        ProviderConfig config = ProviderConfig.builder().set("job-time", "10ms")
                .set("job-outcome", "moderated").build();
        ImageGenerator generator = ImageGenerator.builder(new MockImageProvider()).config(config).polling(QUICK).build();
        generators.add(generator);

        assertThatThrownBy(() -> generator.generate(request("a fox"))).isInstanceOf(ContentPolicyException.class);
        assertThatThrownBy(() -> MockBehavior.from(ProviderConfig.builder().set("job-outcome", "late").build()))
                .hasMessageStartingWith("mock setting job-outcome must be one of");
    }

    @Test
    void aSynchronousModelHasNoJobs() {
        assertThatThrownBy(() -> generator().submit(ImageRequest.builder("a fox").model("mock-ratio").build()))
                .hasMessageContaining("model mock-ratio of mock does not run as jobs; use generate() instead");
    }
}
