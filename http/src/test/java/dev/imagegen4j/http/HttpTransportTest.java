package dev.imagegen4j.http;

import static dev.imagegen4j.http.Loopback.KEY;
import static dev.imagegen4j.http.Loopback.awaitClientClose;
import static dev.imagegen4j.http.Loopback.respond;
import static dev.imagegen4j.http.Loopback.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;

/**
 * The transport against hostile loopback servers: each defect of the old client pinned by the typed
 * outcome, a generous time bound (behaviour, not a benchmark) and no secret in any text.
 */
class HttpTransportTest {
    private final List<Duration> delays = new ArrayList<>();

    private HttpTransport transport(String... keyValues) {
        return HttpTransport.builder(settings(keyValues), Loopback.redactor()).sleeper(delays::add).build();
    }

    private static Call post(URI uri) {
        return Call.post(uri, new StringEntity("{\"prompt\":\"a fox\"}", ContentType.APPLICATION_JSON))
                .header("Authorization", "Bearer " + KEY);
    }

    /** The message, the causes and the stack trace of {@code thrown}: everything a log would show. */
    private static String everything(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void abortsAServerThatTricklesItsBodyWhenTheOverallDeadlinePasses() throws Exception {
        Throwable thrown;
        long started;
        long took;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            // A byte every 100 ms never trips a per-read timeout: only an overall deadline ends this.
            for (int i = 0; i < 100_000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        }); var transport = transport("response-timeout", "1s", "max-retries", "2")) {
            started = System.nanoTime();
            thrown = catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), Loopback::readAll));
            took = System.nanoTime() - started;
            assertThat(transport.poolStats().getLeased()).isZero();
        }

        assertThat(thrown).isInstanceOf(GenerationTimeoutException.class).hasMessageStartingWith("No complete "
                + "response from http://127.0.0.1:").hasMessageContaining(" within 1 s (it stalled while sending the "
                + "response), the limit that the test setting response-timeout (TEST_RESPONSE_TIMEOUT or "
                + "-Dimagegen4j.test.response-timeout) sets for each attempt");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isFalse();
        assertThat(delays).isEmpty();
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void boundsAStalledTlsHandshakeByTheConnectTimeout() throws Exception {
        Throwable thrown;
        long took;
        CountDownLatch done = new CountDownLatch(1);
        try (var server = new Loopback.RawServer((socket, in, out) -> done.await(20, TimeUnit.SECONDS));
             var transport = transport("connect-timeout", "1s", "response-timeout", "30s", "max-retries", "0")) {
            long started = System.nanoTime();
            thrown = catchThrowable(() -> transport.execute(post(server.uri("https", "/v1")), Loopback::readAll));
            took = System.nanoTime() - started;
            done.countDown();
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class).hasMessageStartingWith("Cannot connect "
                + "to https://127.0.0.1:").hasMessageEndingWith(" within 1 s, the limit that the test setting "
                + "connect-timeout (TEST_CONNECT_TIMEOUT or -Dimagegen4j.test.connect-timeout) sets for the TCP "
                + "connect and the TLS handshake (provider test)");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isTrue();
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void doesNotResendARequestThatTheServerReadWholeBeforeClosing() throws Exception {
        Throwable thrown;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            record(in);
            socket.close();
        }); var transport = transport("max-retries", "2")) {
            thrown = catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), Loopback::readAll));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("failed after the request was sent");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isFalse();
        assertThat(seen).hasSize(1);
        assertThat(delays).isEmpty();
    }

    /** What the servers of a test read, in order. */
    private final List<Loopback.Request> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    private Loopback.Request record(java.io.InputStream in) throws java.io.IOException {
        Loopback.Request request = Loopback.readRequest(in);
        if (request != null) {
            seen.add(request);
        }
        return request;
    }

    @Test
    void resendsARequestThatTheServerReadWholeWhenTheUserOptsIn() throws Exception {
        String body;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            record(in);
            if (seen.size() == 1) {
                socket.close();
                return;
            }
            respond(out, 200, "", "done");
        }); var transport = transport("max-retries", "2", "retry-after-send", "true")) {
            body = transport.execute(post(server.uri("http", "/v1")), Loopback::readAll);
        }

        assertThat(body).isEqualTo("done");
        assertThat(seen).hasSize(2);
        assertThat(delays).hasSize(1);
    }

    @Test
    void retriesARefusedConnectionSinceNothingWasDelivered() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }

        Throwable thrown;
        try (var transport = transport("max-retries", "2")) {
            thrown = catchThrowable(() -> transport.execute(post(URI.create("http://127.0.0.1:" + port + "/v1")),
                    Loopback::readAll));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("Cannot reach http://127.0.0.1:" + port + ": ");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isTrue();
        assertThat(delays).hasSize(2);
    }

    @Test
    void abortsTheExchangeWithinASecondWhenTheCallingThreadIsInterrupted() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch closedByClient = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        long took;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            received.countDown();
            if (awaitClientClose(socket, in, 10)) {
                closedByClient.countDown();
            }
        }); var transport = transport("response-timeout", "60s")) {
            Thread caller = new Thread(() -> {
                thrown.set(catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), Loopback::readAll)));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            caller.interrupt();
            caller.join(5_000);
            took = System.nanoTime() - started;

            assertThat(closedByClient.await(2, TimeUnit.SECONDS)).as("the server saw the connection closed").isTrue();
            assertThat(transport.poolStats().getLeased()).isZero();
        }

        // Behaviour, not speed: the watchdog polls every tenth of a second; 3 s allows for a loaded machine.
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(3));
        assertThat(thrown.get()).isInstanceOf(GenerationCancelledException.class)
                .hasMessageStartingWith("Interrupted: the POST http://127.0.0.1:")
                .hasMessageEndingWith("/v1 was aborted and its connection closed (provider test)");
        assertThat(((ImageGenerationException) thrown.get()).isRetryable()).isFalse();
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(delays).isEmpty();
    }

    @Test
    void neverShowsAKeyThatTheServerEchoesInAMalformedHeader() throws Exception {
        Throwable thrown;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nBearer " + KEY + "\r\n\r\nok")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }); var transport = transport()) {
            thrown = catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), Loopback::readAll));
        }

        assertThat(thrown).isInstanceOf(ProviderResponseException.class)
                .hasMessageStartingWith("Unreadable response from http://127.0.0.1:");
        assertThat(everything(thrown)).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
    }

    @Test
    void refusesAHeaderLineLongerThanTheLimitInsteadOfReadingItWhole() throws Exception {
        Throwable thrown;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            out.write("HTTP/1.1 200 OK\r\nx-padding: ".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            // Four times the limit is enough to prove it; a hostile server sends hundreds of megabytes.
            for (int i = 0; i < 4; i++) {
                out.write(chunk);
            }
            out.write("\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }); var transport = transport()) {
            thrown = catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), Loopback::readAll));
        }

        assertThat(thrown).isInstanceOf(ImageGenerationException.class).hasMessageContaining("line length limit");
        assertThat(everything(thrown)).doesNotContain(KEY);
    }

    @Test
    void anInterruptWhileWaitingToRetryEndsInACancellationThatKeepsTheFailure() throws Exception {
        Throwable thrown;
        boolean stillInterrupted;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            respond(out, 503, "", "busy");
        }); var transport = HttpTransport.builder(settings(), Loopback.redactor()).sleeper(delay -> {
            throw new InterruptedException("the caller gave up");
        }).build()) {
            thrown = catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), response -> {
                throw new ProviderUnavailableException("busy", dev.imagegen4j.ErrorDetails.of("test"));
            }));
            stillInterrupted = Thread.interrupted();
        }

        assertThat(thrown).isInstanceOf(GenerationCancelledException.class)
                .hasMessageMatching("Interrupted while waiting \\d+ ms to retry the POST http://127\\.0\\.0\\.1:\\d+/v1 "
                        + "\\(provider test\\)");
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(ProviderUnavailableException.class);
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void refusesMoreHeadersThanTheLimit() throws Exception {
        Throwable thrown;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 1_000; i++) {
                head.append("x-h").append(i).append(": v\r\n");
            }
            out.write((head + "Content-Length: 2\r\n\r\nok").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }); var transport = transport()) {
            thrown = catchThrowable(() -> transport.execute(post(server.uri("http", "/v1")), Loopback::readAll));
        }

        assertThat(thrown).isInstanceOf(ImageGenerationException.class).hasMessageContaining("header count");
    }

    @Test
    void redactsHeaderValuesThatEchoTheKey() throws Exception {
        String echoed;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            Loopback.readRequest(in);
            respond(out, 200, "x-request-id: req-" + KEY + "\r\n", "ok");
        }); var transport = transport()) {
            echoed = transport.execute(post(server.uri("http", "/v1")), response -> response.header("x-request-id"));
        }

        assertThat(echoed).isEqualTo("req-***");
    }

    @Test
    void downloadsAUrlWithoutSendingCredentialsAndWithinItsCap() throws Exception {
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        Throwable tooLarge;
        long written;
        try (var server = new Loopback.RawServer((socket, in, out) -> {
            while (record(in) != null) {
                respond(out, 200, "", "x".repeat(5000));
            }
        }); var transport = transport()) {
            written = transport.download(server.uri("http", "/result.png?sig=s3cr3t"), small, 10_000);
            tooLarge = catchThrowable(() -> transport.download(server.uri("http", "/result.png?sig=s3cr3t"),
                    new ByteArrayOutputStream(), 1000));
        }

        assertThat(written).isEqualTo(5000);
        assertThat(small.size()).isEqualTo(5000);
        assertThat(seen).hasSize(2).allSatisfy(request -> assertThat(request.headers())
                .doesNotContainKeys("authorization", "cookie", "proxy-authorization"));
        assertThat(tooLarge).isInstanceOf(ProviderResponseException.class).hasMessageStartingWith("Unreadable "
                + "response: the download of http://127.0.0.1:").hasMessageContaining("/result.png is larger than "
                + "1000 bytes").hasMessageNotContaining("s3cr3t");
    }
}
