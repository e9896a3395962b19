package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.imagegen4j.openai.testing.WireBodies.base64;
import static dev.imagegen4j.gptproto.GptProtoStubs.error;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.gptproto.GptProtoStubs.json;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static dev.imagegen4j.gptproto.GptProtoStubs.request;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.sse;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way a call can end gives its connection back to the pool. */
class GptProtoConnectionPoolTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    private record Step(String name, ResponseDefinitionBuilder response, Function<GptProtoStubs.Rig, Object> call) {
    }

    private static Step generate(String name, ResponseDefinitionBuilder response) {
        return new Step(name, response, rig -> rig.generate(request().build()));
    }

    private static Step stream(String name, ResponseDefinitionBuilder response) {
        ImageRequest streaming = request().partialImages(2).build();
        return new Step(name, response, rig -> rig.stream(streaming, event -> { }));
    }

    @Test
    void leasesNoConnectionAfterAMixOfSuccessesAndFailures() {
        String fullBody = imagesJson(png(64, 64, 50_000, 1));
        List<Step> steps = List.of(
                generate("success", fixtureResponse("response-200-n2.json")),
                stream("streamed success", fixtureResponse("stream-200-2partials.sse")),
                generate("server error, retried twice", error(500, fixture("error-500-server-error.json"))),
                generate("rate limit asking too long a wait", error(429, fixture("error-429-rate-limit.json"))
                        .withHeader("retry-after", "900")),
                generate("bad request", fixtureResponse("error-400-moderation-blocked.json")),
                generate("huge error page", error(502, "<p>" + "x".repeat(200_000) + "</p>")),
                generate("malformed json", json("{\"data\":[,]}")),
                generate("cut inside the base64", json(fullBody.substring(0, fullBody.length() / 2))),
                generate("not an image", json("{\"data\":[{\"b64_json\":\"" + base64(new byte[64]) + "\"}]}")),
                generate("error in a 200", json(fixture("error-403-insufficient-balance.json"))),
                generate("malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
                generate("reset before the response", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                generate("over the size cap", json(imagesJson(png(64, 64, 1_200_000, 2)))),
                stream("stream without a completed event", sse(": nothing\n\n")),
                new Step("listener that throws", fixtureResponse("stream-200-2partials.sse"),
                        rig -> rig.stream(request().partialImages(2).build(), event -> {
                            throw new IllegalStateException("stop");
                        })),
                generate("success again", fixtureResponse("response-200-n1.json")));

        try (var rig = rig(server, "max-response-mib", "1")) {
            for (Step step : steps) {
                stub(server, step.response());

                Object outcome = catchThrowable(() -> step.call().apply(rig));

                assertThat(rig.client.poolStats().getLeased()).as("leased after: %s (%s)", step.name(), outcome)
                        .isZero();
            }
            assertThat(rig.client.poolStats().getPending()).isZero();
        }
    }

    @Test
    void servesConcurrentCallsFromOnePoolAndGivesEveryConnectionBack() throws Exception {
        stub(server, fixtureResponse("response-200-n2.json").withFixedDelay(20));
        ExecutorService callers = Executors.newFixedThreadPool(8);

        List<Future<ImageResponse>> calls = new ArrayList<>();
        try (var rig = rig(server, "max-connections", "4")) {
            for (int i = 0; i < 24; i++) {
                calls.add(callers.submit(() -> rig.generate(request().count(2).build())));
            }
            for (Future<ImageResponse> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS).images()).hasSize(2);
            }
            assertThat(rig.client.poolStats().getLeased()).isZero();
            assertThat(rig.client.poolStats().getAvailable()).isBetween(1, 4);
        } finally {
            callers.shutdownNow();
        }

        GptProtoStubs.verifyRequests(server, 24);
    }

    @Test
    void reusesTheConnectionOfACompleteResponse() {
        stub(server, fixtureResponse("response-200-n1.json"));

        ImageResponse second;
        try (var rig = rig(server)) {
            rig.generate();
            second = rig.generate();
            assertThat(rig.client.poolStats().getAvailable()).isEqualTo(1);
        }

        assertThat(second.images()).hasSize(1);
    }
}
