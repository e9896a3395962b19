package dev.imagegen4j.bfl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.JobPolling;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockImageProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What the bfl tests share: WireMock servers standing in for BFL's hosts, configs, generators and a picture. */
final class Fixtures {
    static final String KEY = "bfl_test-key-0123456789abcdef";
    static final String TASK = "7f1c2a9e-0d4b-4c55-9a8e-3f2b1c0d9e8a";
    /** A small real PNG, painted once by the mock provider. */
    static final byte[] PNG = paint();
    /** Polls every 5 ms, so that tests of several polls take no time. */
    static final JobPolling FAST = new JobPolling(Duration.ofMillis(5), 1, Duration.ofMillis(5));

    private Fixtures() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** A config for {@code api} with no retries unless {@code keyValues} ask for them. */
    static ProviderConfig config(WireMockExtension api, String... keyValues) {
        ProviderConfig.Builder config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .baseUrl(URI.create(api.baseUrl())).apiKey(KEY).set("max-retries", "0");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.set(keyValues[i], keyValues[i + 1]);
        }
        return config.build();
    }

    static ImageGenerator generator(WireMockExtension api, String... keyValues) {
        return ImageGenerator.builder(new BflImageProvider()).config(config(api, keyValues)).polling(FAST).build();
    }

    /** The submit of {@code model} answers task {@link #TASK}, to be polled at {@code pollingHost}. */
    static void acceptSubmit(WireMockExtension api, String model, WireMockExtension pollingHost) {
        api.stubFor(post(urlPathEqualTo("/v1/" + model)).willReturn(okJson("{\"id\":\"" + TASK
                + "\",\"polling_url\":\"" + pollingHost.baseUrl() + "/v1/get_result?id=" + TASK
                + "\",\"cost\":4.0,\"input_mp\":0,\"output_mp\":0.79}")));
    }

    /** Polls at {@code host} answer {@code json}. */
    static void answerPoll(WireMockExtension host, String json) {
        host.stubFor(get(urlPathEqualTo("/v1/get_result")).willReturn(okJson(json)));
    }

    /** Polls answer Ready with the image at {@code delivery} and seed 7. */
    static void ready(WireMockExtension host, WireMockExtension delivery) {
        answerPoll(host, "{\"id\":\"" + TASK + "\",\"status\":\"Ready\",\"result\":{\"sample\":\"" + delivery.baseUrl()
                + "/results/sample.png?se=2026-12-02&sig=c2lnbmF0dXJl\",\"prompt\":\"a fox\",\"seed\":7},"
                + "\"progress\":null,\"details\":null,\"preview\":null}");
        delivery.stubFor(get(urlPathEqualTo("/results/sample.png")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(PNG)));
    }

    /** The requests {@code server} received, oldest first. */
    static List<LoggedRequest> sent(WireMockExtension server) {
        return server.getAllServeEvents().stream().sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest()).toList();
    }

    /** A job id of this provider for a task at {@code pollingUrl}, as a tampered or hand-made id would be. */
    static String jobId(String model, String pollingUrl) {
        String handle = TASK + " " + pollingUrl;
        return "bfl:" + model + ":1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(handle.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] paint() {
        try (ImageGenerator mock = ImageGenerator.create(new MockImageProvider(), ProviderConfig.defaults())) {
            return mock.generate(ImageRequest.builder("a fixture").model("mock-ratio").size(ImageSize.ratio(1, 1))
                    .outputFormat(OutputFormat.PNG).build()).image().bytes();
        }
    }
}
