package dev.imagegen4j.gptproto;

import static dev.imagegen4j.gptproto.GptProtoStubs.API_KEY;
import static dev.imagegen4j.gptproto.GptProtoStubs.rig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.InvalidRequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gptproto provider against servers that echo the key, answer hugely, or are abandoned by the
 * caller: typed outcomes, no key in any text, no file left, bounded heap (in a forked JVM at -Xmx64m).
 */
class GptProtoHostileServerTest {
    @RegisterExtension
    static final WireMockExtension server = GptProtoStubs.wireMock();

    @TempDir
    Path spool;

    private static String everything(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text + " " + ((ImageGenerationException) thrown).details();
    }

    @Test
    void neverShowsAKeyThatTheServerEchoesInTheErrorCodeOrTheRequestId() {
        GptProtoStubs.stub(server, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req-" + API_KEY)
                .withBody("{\"error\":{\"message\":\"Bad key\",\"type\":\"invalid_request_error\",\"code\":\"key_"
                        + API_KEY + "\",\"param\":\"" + API_KEY + "\"}}"));

        Throwable thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
        }

        assertThat(thrown).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Bad key (provider gptproto, HTTP 400, code key_***, request req-***)");
        assertThat(((InvalidRequestException) thrown).param()).contains("***");
        assertThat(everything(thrown)).doesNotContain(API_KEY).doesNotContain(API_KEY.substring(0, 8));
    }

    @Test
    void namesTheUrlTriedWhenTheBaseUrlAnswers404() {
        GptProtoStubs.stub(server, com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404));

        Throwable thrown;
        try (var rig = rig(server)) {
            thrown = catchThrowable(rig::generate);
        }

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessage("HTTP 404 from POST http://127.0.0.1:"
                + server.getPort() + "/v1/images/generations; check the gptproto setting base-url (GPTPROTO_BASE_URL "
                + "or -Dimagegen4j.gptproto.base-url) (provider gptproto, HTTP 404)");
    }

    @Test
    void cancellingTheFutureOfGenerateAsyncAbortsTheExchangeWithinASecond() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch clientClosed = new CountDownLatch(1);
        CompletableFuture<ImageResponse> future;
        long took;
        try (var silent = new GptProtoStubs.LoopbackServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            received.countDown();
            OutputStream out = exchange.getResponseBody();
            try {
                // A space every 100 ms: valid JSON whitespace, and a connection the server can see closing.
                for (int i = 0; i < 300; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                clientClosed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        }); var rig = rig(silent.baseUrl(), ImageStorage.directory(spool))) {
            future = rig.generator.generateAsync(GptProtoStubs.request().build());
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            future.cancel(true);
            assertThat(clientClosed.await(3, TimeUnit.SECONDS)).as("the server saw the connection closed").isTrue();
            took = System.nanoTime() - started;
            assertThat(rig.client.poolStats().getLeased()).isZero();
        }

        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(1).plusMillis(200));
        assertThat(catchThrowable(future::join)).isInstanceOf(CancellationException.class);
        assertThat(filesIn(spool)).isEmpty();
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    // ---- huge answers, in a forked JVM with a 64 MiB heap ----

    /** Serves {@code head}, then {@code filler} until 600 MB are out or the client hangs up, then {@code tail}. */
    private static String childOutcome(Path spool, String mode, String maxResponseMib, String type, String head,
                                       String tail) throws Exception {
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'A');
        try (var huge = new GptProtoStubs.LoopbackServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                for (long sent = 0; sent < 600_000_000L; sent += filler.length) {
                    out.write(filler);
                }
                out.write(tail.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The client hung up, as it should.
            }
        })) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    HostileResponseChild.class.getName(), huge.baseUrl(), spool.toString(), mode, maxResponseMib));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Bounded only so that a stuck child cannot hang the build.
            boolean ended = child.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ended && child.exitValue() == 0).as("the child ended normally; its output: %s", output).isTrue();
            return output.lines().filter(line -> line.startsWith("outcome ")).findFirst().orElse(output);
        }
    }

    @Test
    void refusesA600MegabyteRevisedPromptWithoutRunningOutOfMemory() throws Exception {
        String outcome = childOutcome(spool, "json", "1024", "application/json",
                "{\"created\":1,\"data\":[{\"revised_prompt\":\"", "\"}]}");

        assertThat(outcome).isEqualTo("outcome ProviderResponseException Unreadable response: the JSON besides the image"
                + " data is longer than 524288 characters, the cap on text in a response (provider gptproto)");
        assertThat(filesIn(spool)).isEmpty();
    }

    @Test
    void spoolsAHugeStreamedPartialImageInsteadOfHoldingItInMemory() throws Exception {
        String outcome = childOutcome(spool, "stream", "80", "text/event-stream",
                "data: {\"type\":\"image_generation.partial_image\",\"partial_image_index\":0,\"b64_json\":\"",
                "\"}\n\n");

        assertThat(outcome).isEqualTo("outcome ProviderResponseException Unreadable response: the response is larger "
                + "than 80 MiB, the limit of the gptproto setting max-response-mib (GPTPROTO_MAX_RESPONSE_MIB or "
                + "-Dimagegen4j.gptproto.max-response-mib) (provider gptproto)");
        assertThat(filesIn(spool)).isEmpty();
    }
}
