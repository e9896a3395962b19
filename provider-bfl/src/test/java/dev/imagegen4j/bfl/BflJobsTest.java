package dev.imagegen4j.bfl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageJob;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.JobState;
import dev.imagegen4j.JobStatus;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.bfl.api.BflModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs against three hosts, as BFL runs them: the API (submit), another cluster (polling URL), the
 * delivery host (signed result URL). Which host sees the key, and every status a poll can answer.
 */
class BflJobsTest {
    @RegisterExtension
    static final WireMockExtension API = Fixtures.server();
    @RegisterExtension
    static final WireMockExtension CLUSTER = Fixtures.server();
    @RegisterExtension
    static final WireMockExtension DELIVERY = Fixtures.server();

    private static final ImageRequest FOX = ImageRequest.builder("a fox").model(BflModels.FLUX_PRO_1_1)
            .size(ImageSize.of(1024, 768)).seed(7L).build();

    @Test
    void theSubmitAndThePollOnTheApisOriginGetTheKeyAndTheDeliveryHostNever() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, API);
        Fixtures.ready(API, DELIVERY);

        ImageResponse response;
        try (ImageGenerator generator = Fixtures.generator(API)) {
            response = generator.generate(FOX);
        }

        assertThat(response.image().bytes()).isEqualTo(Fixtures.PNG);
        assertThat(response.image().seed()).hasValue(7L);
        assertThat(response.requestId()).isEqualTo(Fixtures.TASK);
        List<LoggedRequest> api = Fixtures.sent(API);
        assertThat(api).extracting(LoggedRequest::getUrl)
                .containsExactly("/v1/flux-pro-1.1", "/v1/get_result?id=" + Fixtures.TASK);
        assertThat(api).allSatisfy(request -> assertThat(request.getHeader("x-key")).isEqualTo(Fixtures.KEY));
        List<LoggedRequest> delivery = Fixtures.sent(DELIVERY);
        assertThat(delivery).singleElement().satisfies(request -> {
            assertThat(request.getUrl()).isEqualTo("/results/sample.png?se=2026-12-02&sig=c2lnbmF0dXJl");
            assertThat(request.containsHeader("x-key")).isFalse();
            assertThat(request.containsHeader("Authorization")).isFalse();
        });
    }

    @Test
    void aPollingUrlOnAnotherOriginIsPolledWithoutTheKey() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, CLUSTER);
        Fixtures.ready(CLUSTER, DELIVERY);

        try (ImageGenerator generator = Fixtures.generator(API)) {
            generator.generate(FOX);
        }

        assertThat(Fixtures.sent(API)).singleElement()
                .satisfies(submit -> assertThat(submit.getHeader("x-key")).isEqualTo(Fixtures.KEY));
        assertThat(Fixtures.sent(CLUSTER)).singleElement()
                .satisfies(poll -> assertThat(poll.containsHeader("x-key")).isFalse());
        assertThat(Fixtures.sent(DELIVERY)).singleElement()
                .satisfies(download -> assertThat(download.containsHeader("x-key")).isFalse());
    }

    @Test
    void aTamperedJobIdPointingAtAForeignHostGetsNoKey() {
        Fixtures.answerPoll(CLUSTER, "{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Pending\",\"progress\":0.5}");
        String tampered = Fixtures.jobId(BflModels.FLUX_PRO_1_1, CLUSTER.baseUrl() + "/v1/get_result?id=" + Fixtures.TASK);

        JobStatus status;
        try (ImageGenerator generator = Fixtures.generator(API)) {
            status = generator.job(tampered).status();
        }

        assertThat(status.state()).isEqualTo(JobState.RUNNING);
        assertThat(status.progress()).isEqualTo(0.5);
        assertThat(Fixtures.sent(API)).isEmpty();
        assertThat(Fixtures.sent(CLUSTER)).singleElement()
                .satisfies(poll -> assertThat(poll.containsHeader("x-key")).isFalse());
    }

    @Test
    void pendingPollsReportQueuedThenRunningWithProgressUntilReady() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, API);
        String poll = "/v1/get_result";
        API.stubFor(get(urlPathEqualTo(poll)).inScenario("task").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Pending\",\"progress\":null}"))
                .willSetStateTo("running"));
        API.stubFor(get(urlPathEqualTo(poll)).inScenario("task").whenScenarioStateIs("running")
                .willReturn(okJson("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Pending\",\"progress\":60}"))
                .willSetStateTo("ready"));
        API.stubFor(get(urlPathEqualTo(poll)).inScenario("task").whenScenarioStateIs("ready")
                .willReturn(okJson("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Ready\",\"result\":{\"sample\":\""
                        + DELIVERY.baseUrl() + "/results/sample.png\",\"seed\":7}}")));
        DELIVERY.stubFor(get(urlPathEqualTo("/results/sample.png")).willReturn(aResponse().withBody(Fixtures.PNG)));
        List<ImageEvent.JobProgress> progress = new ArrayList<>();

        try (ImageGenerator generator = Fixtures.generator(API)) {
            generator.stream(FOX, event -> {
                if (event instanceof ImageEvent.JobProgress job) {
                    progress.add(job);
                }
            });
        }

        assertThat(progress).extracting(ImageEvent.JobProgress::state)
                .containsExactly(JobState.QUEUED, JobState.QUEUED, JobState.RUNNING, JobState.READY);
        assertThat(progress.get(2).progress()).isEqualTo(0.6);
        assertThat(Fixtures.sent(API)).filteredOn(r -> r.getUrl().startsWith("/v1/flux")).hasSize(1);
    }

    private static ImageGenerationException pollFails(String json) {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, API);
        Fixtures.answerPoll(API, json);
        try (ImageGenerator generator = Fixtures.generator(API)) {
            return catchThrowableOfType(ImageGenerationException.class, () -> generator.generate(FOX));
        }
    }

    @Test
    void contentModeratedIsAContentPolicyFailureOfTheJob() {
        ImageGenerationException thrown = pollFails("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Content Moderated\","
                + "\"result\":null,\"details\":{\"Moderation Reasons\":[\"Derivative Works Filter\"]}}");

        assertThat(thrown).isInstanceOf(ContentPolicyException.class)
                .hasMessageContaining("task " + Fixtures.TASK).hasMessageContaining("Content Moderated")
                .hasMessageContaining("Derivative Works Filter");
        assertThat(thrown.errorCode()).hasValue("Content Moderated");
        assertThat(thrown.jobId()).hasValueSatisfying(id -> assertThat(id).startsWith("bfl:flux-pro-1.1:"));
        assertThat(thrown.isRetryable()).isFalse();
    }

    @Test
    void requestModeratedIsAContentPolicyFailureOfTheInput() {
        ImageGenerationException thrown = pollFails("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Request Moderated\","
                + "\"result\":null}");

        assertThat(thrown).isInstanceOf(ContentPolicyException.class).hasMessageContaining("Request Moderated")
                .hasMessageContaining("prompt or an input image");
    }

    @Test
    void errorIsUnavailableWithBflsDetails() {
        ImageGenerationException thrown = pollFails("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Error\","
                + "\"result\":null,\"details\":{\"message\":\"GPU node lost\"}}");

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        assertThat(thrown.reason()).isEqualTo("BFL task " + Fixtures.TASK + " failed (Error): {\"message\":\"GPU node lost\"}");
    }

    @Test
    void taskNotFoundIsAJobNotFoundNamingTheTask() {
        ImageGenerationException thrown = pollFails("{\"status\":\"Task not found\",\"result\":{}}");

        assertThat(thrown).isInstanceOf(JobNotFoundException.class).hasMessageContaining("task " + Fixtures.TASK)
                .hasMessageContaining("expired");
        assertThat(thrown.jobId()).isPresent();
    }

    @Test
    void anUndocumentedStatusIsAnUnreadableAnswer() {
        ImageGenerationException thrown = pollFails("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Sleeping\"}");

        assertThat(thrown).hasMessageContaining("undocumented status 'Sleeping'");
        assertThat(thrown.isRetryable()).isFalse();
    }

    @Test
    void aPollThatFailsTransientlyIsPolledAgainAndNothingIsSubmittedTwice() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, API);
        API.stubFor(get(urlPathEqualTo("/v1/get_result")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"detail\":\"maintenance\"}")).willSetStateTo("up"));
        API.stubFor(get(urlPathEqualTo("/v1/get_result")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"id\":\"" + Fixtures.TASK + "\",\"status\":\"Ready\",\"result\":{\"sample\":\""
                        + DELIVERY.baseUrl() + "/results/sample.png\"}}")));
        DELIVERY.stubFor(get(urlPathEqualTo("/results/sample.png")).willReturn(aResponse().withBody(Fixtures.PNG)));

        ImageResponse response;
        try (ImageGenerator generator = Fixtures.generator(API)) {
            response = generator.generate(FOX);
        }

        assertThat(response.image().bytes()).isEqualTo(Fixtures.PNG);
        assertThat(response.image().seed()).isEmpty();
        assertThat(Fixtures.sent(API)).extracting(LoggedRequest::getUrl).containsExactly("/v1/flux-pro-1.1",
                "/v1/get_result?id=" + Fixtures.TASK, "/v1/get_result?id=" + Fixtures.TASK);
    }

    @Test
    void aSubmittedJobIsAwaitedLaterByItsIdWithoutAnotherSubmit() {
        Fixtures.acceptSubmit(API, BflModels.FLUX_PRO_1_1, CLUSTER);
        Fixtures.ready(CLUSTER, DELIVERY);

        String id;
        try (ImageGenerator first = Fixtures.generator(API)) {
            ImageJob job = first.submit(FOX);
            id = job.id();
        }
        ImageResponse response;
        try (ImageGenerator second = Fixtures.generator(API)) {
            response = second.job(id).await(Duration.ofSeconds(30));
        }

        assertThat(id).startsWith("bfl:flux-pro-1.1:1.");
        assertThat(response.image().bytes()).isEqualTo(Fixtures.PNG);
        assertThat(Fixtures.sent(API)).hasSize(1);
        assertThat(Fixtures.sent(CLUSTER)).hasSize(1);
    }
}
