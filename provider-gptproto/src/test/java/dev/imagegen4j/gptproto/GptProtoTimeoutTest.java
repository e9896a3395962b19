package dev.imagegen4j.gptproto;

import static dev.imagegen4j.gptproto.GptProtoStubs.REQUEST_ID;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureImage;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixtureResponse;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static dev.imagegen4j.gptproto.GptProtoStubs.stub;
import static dev.imagegen4j.gptproto.GptProtoStubs.verifyRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.GenerationTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that stays silent longer than {@code response-timeout} fails the call with a timeout, which
 * is not retried: the image may be being generated, and billed, already. Nothing here measures time;
 * the server's delays only have to exceed the configured timeout.
 */
class GptProtoTimeoutTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    @Test
    void failsWithATimeoutWhenNoResponseComesAndDoesNotRetry() {
        stub(server, fixtureResponse("response-200-n1.json").withFixedDelay(1_500));

        Throwable thrown;
        List<Duration> delays;
        try (var rig = rig(server, "response-timeout", "300ms")) {
            thrown = catchThrowable(rig::generate);
            delays = rig.delays;
        }

        assertThat(thrown).isInstanceOf(GenerationTimeoutException.class).hasMessage("No complete response from "
                + "http://127.0.0.1:" + server.getPort() + " within 300 ms, the limit that the gptproto setting "
                + "response-timeout (GPTPROTO_RESPONSE_TIMEOUT or -Dimagegen4j.gptproto.response-timeout) sets for "
                + "each attempt; generating large images can take minutes, so consider a longer one (provider gptproto)");
        // Not retried, because the server has the request and may be generating, and billing, it.
        assertThat(((GenerationTimeoutException) thrown).isRetryable()).isFalse();
        assertThat(delays).isEmpty();
        verifyRequests(server, 1);
    }

    @Test
    void failsWithATimeoutWhenTheBodyStallsHalfway() throws InterruptedException {
        byte[] body = imagesJson(fixtureImage("response-200-n1.json", 0)).getBytes(StandardCharsets.UTF_8);
        CountDownLatch testDone = new CountDownLatch(1);
        Throwable thrown;
        String url;
        try (var stalling = new GptProtoStubs.LoopbackServer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-request-id", REQUEST_ID);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
            try {
                // Silent until the client has given up; the bound only keeps a broken client from hanging the build.
                testDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        }); var rig = rig(stalling.baseUrl(), "response-timeout", "300ms")) {
            url = stalling.baseUrl();
            thrown = catchThrowable(rig::generate);
            testDone.countDown();
        }

        assertThat(thrown).isInstanceOf(GenerationTimeoutException.class).hasMessage("No complete response from "
                + url + " within 300 ms (it stalled while sending the response), the limit that the "
                + "gptproto setting response-timeout (GPTPROTO_RESPONSE_TIMEOUT or "
                + "-Dimagegen4j.gptproto.response-timeout) sets for each attempt; generating large images can take "
                + "minutes, so consider a longer one (provider gptproto, request " + REQUEST_ID + ")");
    }

    @Test
    void waitsForASlowServerWithinTheTimeout() {
        stub(server, fixtureResponse("response-200-n1.json").withFixedDelay(200));

        try (var rig = rig(server, "response-timeout", "30s")) {
            assertThat(rig.generate().images()).hasSize(1);
        }

        verifyRequests(server, 1);
    }

    @Test
    void rejectsATimeoutThatIsNotPositive() {
        Throwable thrown = catchThrowable(() -> rig(server, "response-timeout", "0s"));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting response-timeout "
                + "(GPTPROTO_RESPONSE_TIMEOUT or -Dimagegen4j.gptproto.response-timeout) must be positive but was 0 ms");
    }
}
