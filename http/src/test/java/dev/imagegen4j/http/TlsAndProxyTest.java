package dev.imagegen4j.http;

import static dev.imagegen4j.http.Loopback.KEY;
import static dev.imagegen4j.http.Loopback.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS server with a self-signed certificate for 127.0.0.1 (made by keytool at test time), and a
 * loopback forward proxy that tunnels https with CONNECT and records what passes through it.
 */
class TlsAndProxyTest {
    private static final String PROXY_PASSWORD = "proxy-pass-5e4d3c2b1a";

    @TempDir
    static Path directory;

    private static SSLContext trusting;
    private static HttpsServer server;
    private static final List<String> serverSawHeaders = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTlsServer() throws Exception {
        trusting = Loopback.context(Loopback.keyStore(directory));
        server = HttpsServer.create(Loopback.loopback(0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(trusting));
        server.createContext("/ok", exchange -> {
            serverSawHeaders.add(exchange.getRequestHeaders().toString());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/stream", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            // Length 0: chunked, written and flushed event by event.
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < 5; i++) {
                exchange.getResponseBody().write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopTlsServer() {
        server.stop(0);
    }

    @AfterEach
    void clearProxyProperties() {
        for (String name : List.of("https.proxyHost", "https.proxyPort", "http.proxyHost", "http.proxyPort",
                "http.nonProxyHosts")) {
            System.clearProperty(name);
        }
    }

    private static void useProxyProperties(ForwardProxy proxy, String nonProxyHosts) {
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", String.valueOf(proxy.port()));
        System.setProperty("http.nonProxyHosts", nonProxyHosts);
    }

    private static URI tls(String host, String path) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + path);
    }

    private static HttpTransport transport(SSLContext context, String... keyValues) {
        return HttpTransport.builder(settings(keyValues), Redactor.of(Map.of("test setting api-key", KEY,
                "test setting proxy password", PROXY_PASSWORD))).sslContext(context).sleeper(delay -> { }).build();
    }

    private static String post(HttpTransport transport, URI uri) {
        return transport.execute(Call.post(uri, new StringEntity("{}", ContentType.APPLICATION_JSON))
                .header("Authorization", "Bearer " + KEY), Loopback::readAll);
    }

    @Test
    void talksToATrustedServer() {
        try (var transport = transport(trusting)) {
            assertThat(post(transport, tls("127.0.0.1", "/ok"))).isEqualTo("hello over tls");
        }
    }

    @Test
    void readsAStreamedResponseOverTls() {
        try (var transport = transport(trusting)) {
            assertThat(post(transport, tls("127.0.0.1", "/stream")))
                    .isEqualTo("data: event 0\n\ndata: event 1\n\ndata: event 2\n\ndata: event 3\n\ndata: event 4\n\n");
        }
    }

    @Test
    void refusesAnUntrustedCertificate() throws Exception {
        Throwable thrown;
        try (var transport = transport(SSLContext.getDefault(), "max-retries", "2")) {
            thrown = catchThrowable(() -> post(transport, tls("127.0.0.1", "/ok")));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("The TLS connection to https://127.0.0.1:" + server.getAddress().getPort()
                        + " was refused: ").hasMessageContaining("PKIX path building failed");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isFalse();
    }

    @Test
    void refusesACertificateForAnotherHostName() {
        Throwable thrown;
        try (var transport = transport(trusting)) {
            thrown = catchThrowable(() -> post(transport, tls("localhost", "/ok")));
        }

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("The TLS connection to https://localhost:" + server.getAddress().getPort()
                        + " was refused: ").hasMessageEndingWith("Certificate for <localhost> doesn't match common name "
                        + "of the certificate subject: imagegen4j loopback test (provider test)");
        assertThat(((ImageGenerationException) thrown).isRetryable()).isFalse();
    }

    @Test
    void goesThroughTheProxyOfTheJvmsProxyProperties() throws Exception {
        try (var proxy = new ForwardProxy(false)) {
            // The JVM exempts loopback addresses unless http.nonProxyHosts is set and empty.
            useProxyProperties(proxy, "");
            try (var transport = transport(trusting)) {
                assertThat(post(transport, tls("127.0.0.1", "/ok"))).isEqualTo("hello over tls");
            }

            assertThat(proxy.requestLines).containsExactly("CONNECT 127.0.0.1:" + server.getAddress().getPort()
                    + " HTTP/1.1");
        }
    }

    @Test
    void goesDirectlyToAHostInNonProxyHosts() throws Exception {
        try (var proxy = new ForwardProxy(false)) {
            useProxyProperties(proxy, "127.0.0.1");
            try (var transport = transport(trusting)) {
                assertThat(post(transport, tls("127.0.0.1", "/ok"))).isEqualTo("hello over tls");
            }

            assertThat(proxy.requestLines).isEmpty();
        }
    }

    @Test
    void goesThroughTheProxySettingAndAuthenticatesOnlyToTheProxy() throws Exception {
        serverSawHeaders.clear();
        try (var proxy = new ForwardProxy(true)) {
            String setting = "http://imagegen:" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.port();
            String shown;
            try (var transport = transport(trusting, "proxy", setting)) {
                assertThat(post(transport, tls("127.0.0.1", "/ok"))).isEqualTo("hello over tls");
                shown = transport + " " + transport.settings();
            }

            String expected = "Basic " + Base64.getEncoder().encodeToString(("imagegen:" + PROXY_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(proxy.authorizations).contains(expected);
            assertThat(serverSawHeaders).isNotEmpty().allSatisfy(headers -> assertThat(headers)
                    .doesNotContain(PROXY_PASSWORD).doesNotContainIgnoringCase("Proxy-Authorization"));
            assertThat(shown).doesNotContain(PROXY_PASSWORD).contains("http://imagegen:***@127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void refusesAProxySettingThatIsNotAnHttpUrlWithoutShowingIt() {
        Throwable thrown = catchThrowable(() -> settings("proxy", "socks5://user:" + PROXY_PASSWORD + "@127.0.0.1:1"));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("test setting proxy (TEST_PROXY or "
                + "-Dimagegen4j.test.proxy) must be http://[user:password@]host:port");
    }

    /**
     * A forward proxy for https: answers {@code CONNECT host:port} with a tunnel to that address (only
     * loopback is ever asked for here), optionally after demanding Basic credentials, and records each
     * request line and each {@code Proxy-Authorization} it sees.
     */
    private static final class ForwardProxy implements AutoCloseable {
        final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
        final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        private final Loopback.RawServer server;

        ForwardProxy(boolean demandCredentials) throws IOException {
            server = new Loopback.RawServer((client, in, out) -> {
                while (true) {
                    Loopback.Request request = Loopback.readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requestLines.add(request.line());
                    String authorization = request.headers().get("proxy-authorization");
                    if (authorization != null) {
                        authorizations.add(authorization);
                    }
                    if (demandCredentials && authorization == null) {
                        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic "
                                + "realm=\"test\"\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        continue;
                    }
                    String[] target = request.line().split(" ")[1].split(":");
                    try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        Thread back = new Thread(() -> pipe(upstream, out));
                        back.setDaemon(true);
                        back.start();
                        pipe(in, upstream);
                        back.join(5_000);
                    }
                    return;
                }
            });
        }

        private static void pipe(Socket from, OutputStream to) {
            try {
                from.getInputStream().transferTo(to);
            } catch (IOException e) {
                // One side closed: the tunnel is over.
            }
        }

        private static void pipe(InputStream from, Socket to) throws IOException {
            try {
                from.transferTo(to.getOutputStream());
            } finally {
                to.shutdownOutput();
            }
        }

        int port() {
            return server.port();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
