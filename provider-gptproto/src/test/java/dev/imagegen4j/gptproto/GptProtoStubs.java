package dev.imagegen4j.gptproto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagegen4j.openai.testing.WireBodies.pngStream;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageStorage;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.gptproto.internal.GptProtoClient;
import dev.imagegen4j.http.HttpTransport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Everything the gptproto tests share, in one place: the fixtures of {@code src/test/resources/gptproto/},
 * configs blind to this machine's environment, a generator whose retry waits are recorded instead of
 * slept, WireMock stubs, test images, SSE framing and a bare loopback server for responses WireMock
 * cannot write (held, cut or endless streams).
 */
public final class GptProtoStubs {
    /** The configured key. Deliberately not shaped like {@code sk-...}, so only exact redaction can hide it. */
    public static final String API_KEY = "test-key-7f3a9c21e4b8";
    static final String PATH = "/v1/images/generations";
    static final String REQUEST_ID = "req_test_0001";
    static final String PROMPT = "A watercolor fox in a snowy forest";
    /** Where the fixed clock stands: HTTP-date retry delays are measured from here. */
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private GptProtoStubs() {
    }

    // ---- servers and configs ----

    /** A WireMock server on a free loopback port, reset before each test. */
    static WireMockExtension wireMock() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    static String baseUrl(WireMockExtension server) {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Settings with the test key and {@code baseUrl}, ignoring system properties and the environment. */
    static ProviderConfig.Builder settings(String baseUrl) {
        return ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey(API_KEY).set(ProviderConfig.BASE_URL, baseUrl);
    }

    /** {@link #settings(String)} plus {@code keyValues}: key, value, key, value, .... */
    public static ProviderConfig config(String baseUrl, String... keyValues) {
        ProviderConfig.Builder builder = settings(baseUrl);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.set(keyValues[i], keyValues[i + 1]);
        }
        return builder.build();
    }

    static Rig rig(WireMockExtension server, String... keyValues) {
        return new Rig(config(baseUrl(server), keyValues), ImageStorage.memory());
    }

    static Rig rig(String baseUrl, String... keyValues) {
        return new Rig(config(baseUrl, keyValues), ImageStorage.memory());
    }

    /** A rig whose generator keeps images in {@code storage}. */
    static Rig rig(WireMockExtension server, ImageStorage storage, String... keyValues) {
        return new Rig(config(baseUrl(server), keyValues), storage);
    }

    static Rig rig(String baseUrl, ImageStorage storage, String... keyValues) {
        return new Rig(config(baseUrl, keyValues), storage);
    }

    /**
     * Core's generator over the gptproto provider, whose retry waits are recorded, not slept, and whose
     * clock stands still at {@link #NOW}; {@link #client} is the backend's, opened with the generator.
     */
    static final class Rig implements AutoCloseable {
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final ImageGenerator generator;
        GptProtoClient client;

        Rig(ProviderConfig config, ImageStorage storage) {
            generator = ImageGenerator.builder(provider(delays::add, Clock.fixed(NOW, ZoneOffset.UTC), opened -> client = opened))
                    .config(config).storage(storage).build();
        }

        ImageResponse generate(ImageRequest request) {
            return generator.generate(request);
        }

        ImageResponse generate() {
            return generator.generate(request().build());
        }

        ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener) {
            return generator.stream(request, listener);
        }

        @Override
        public void close() {
            generator.close();
        }
    }

    /** Generates {@link #request()} once against what {@code server} is stubbed with, with a fresh rig. */
    static ImageResponse generateOnce(WireMockExtension server, String... settings) {
        try (Rig rig = rig(server, settings)) {
            return rig.generate();
        }
    }

    /** Generates {@code request} once against what {@code server} is stubbed with, with a fresh rig. */
    static ImageResponse generateOnce(WireMockExtension server, ImageRequest request) {
        try (Rig rig = rig(server)) {
            return rig.generate(request);
        }
    }

    /** What generating {@link #request()} once throws ({@code null} if nothing), with a fresh rig. */
    static Throwable failureOf(WireMockExtension server, String... settings) {
        return failureOf(server, ImageStorage.memory(), settings);
    }

    /** {@link #failureOf(WireMockExtension, String...)} with images kept in {@code storage}. */
    static Throwable failureOf(WireMockExtension server, ImageStorage storage, String... settings) {
        try (Rig rig = rig(server, storage, settings)) {
            return catchThrowable(rig::generate);
        }
    }

    /** {@link #failureOf(WireMockExtension, String...)} after stubbing {@code response}. */
    static Throwable failureOf(WireMockExtension server, ResponseDefinitionBuilder response, String... settings) {
        stub(server, response);
        return failureOf(server, settings);
    }

    /** What streaming {@code request} once throws ({@code null} if nothing), with a fresh rig. */
    static Throwable streamFailureOf(WireMockExtension server, ImageRequest request, String... settings) {
        try (Rig rig = rig(server, settings)) {
            return catchThrowable(() -> rig.stream(request, event -> { }));
        }
    }

    /** The provider, with clients that wait with {@code sleeper}, read {@code clock}, and are handed to {@code opened}. */
    public static GptProtoImageProvider provider(HttpTransport.Sleeper sleeper, Clock clock, Consumer<GptProtoClient> opened) {
        return new GptProtoImageProvider(settings -> {
            GptProtoClient client = new GptProtoClient(settings, sleeper, clock);
            opened.accept(client);
            return client;
        });
    }

    static ImageRequest.Builder request() {
        return ImageRequest.builder(PROMPT);
    }

    // ---- fixtures ----

    public static String fixture(String name) {
        try (InputStream in = GptProtoStubs.class.getResourceAsStream("/gptproto/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture gptproto/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture {@code name} as the manifest says it was served: its status, its headers and its body. */
    static ResponseDefinitionBuilder fixtureResponse(String name) {
        JsonObject entry = manifestEntry(name);
        ResponseDefinitionBuilder response = aResponse().withStatus(entry.get("status").getAsInt())
                .withBody(fixture(name));
        for (Map.Entry<String, JsonElement> header : entry.getAsJsonObject("headers").entrySet()) {
            response.withHeader(header.getKey(), header.getValue().getAsString());
        }
        return response;
    }

    /** The {@code x-request-id} the manifest gives the fixture {@code name}. */
    static String fixtureRequestId(String name) {
        return manifestEntry(name).getAsJsonObject("headers").get("x-request-id").getAsString();
    }

    private static JsonObject manifestEntry(String name) {
        for (JsonElement entry : JsonParser.parseString(fixture("manifest.json")).getAsJsonArray()) {
            if (entry.getAsJsonObject().get("file").getAsString().equals(name)) {
                return entry.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException(name + " is not in manifest.json");
    }

    /** The decoded bytes of image {@code index} of a JSON response fixture. */
    static byte[] fixtureImage(String name, int index) {
        JsonArray data = JsonParser.parseString(fixture(name)).getAsJsonObject().getAsJsonArray("data");
        return Base64.getDecoder().decode(data.get(index).getAsJsonObject().get("b64_json").getAsString());
    }

    /** The decoded bytes of the {@code index}th event of the SSE fixture. */
    static byte[] fixtureEventImage(int index) {
        String data = fixture("stream-200-2partials.sse").lines().filter(line -> line.startsWith("data: "))
                .skip(index).findFirst().orElseThrow().substring("data: ".length());
        return Base64.getDecoder().decode(JsonParser.parseString(data).getAsJsonObject().get("b64_json").getAsString());
    }

    // ---- WireMock stubs ----

    static void stub(WireMockExtension server, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    /** Answers successive requests with {@code responses} in turn; the last one keeps answering. */
    static void stubSequence(WireMockExtension server, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            server.stubFor(post(urlPathEqualTo(PATH)).inScenario("sequence")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered " + i)
                    .willSetStateTo("answered " + Math.min(i + 1, responses.length - 1))
                    .willReturn(responses[i]));
        }
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", REQUEST_ID).withBody(body);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withHeader("x-request-id", REQUEST_ID).withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", REQUEST_ID).withBody(body);
    }

    static void verifyRequests(WireMockExtension server, int count) {
        server.verify(exactly(count), postRequestedFor(urlPathEqualTo(PATH)));
    }

    static void verifyNoRequests(WireMockExtension server) {
        server.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    // ---- the large response of the memory tests ----

    /** The size of each image of the large response: four make a body of about 42 MB. */
    static final long LARGE_IMAGE_BYTES = 7_864_320;
    static final int LARGE_IMAGE_COUNT = 4;

    /** The pseudo-random PNG-headed image {@code index} of the large response. */
    static InputStream largeImage(int index) {
        return pngStream(4096, 4096, LARGE_IMAGE_BYTES, 1000 + index);
    }

    /** The CRC-32 of {@link #largeImage(int)}, computed as it streams by. */
    static long largeImageCrc(int index) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = largeImage(index)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crc.getValue();
    }

    /** Writes the large JSON response, encoding each image as it is written: nothing is held whole. */
    static void writeLargeResponse(OutputStream out) throws IOException {
        out.write("{\"created\":1776843003,\"data\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < LARGE_IMAGE_COUNT; i++) {
            out.write(((i == 0 ? "" : ",") + "{\"b64_json\":\"").getBytes(StandardCharsets.US_ASCII));
            // The encoder's close() writes the padding; the response itself must stay open.
            try (OutputStream encoder = Base64.getEncoder().wrap(new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            }); InputStream image = largeImage(i)) {
                image.transferTo(encoder);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("],\"output_format\":\"png\",\"size\":\"4096x4096\"}".getBytes(StandardCharsets.US_ASCII));
    }

    // ---- a bare loopback server ----

    /** A port on which nothing listens. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server whose body never ends (in practice: 512 MB of JSON whitespace after a '{'), recording
     * whether the client hung up before the end, as it must once it has read what it will use.
     */
    static final class EndlessBody implements AutoCloseable {
        static final long LENGTH = 512L * 1024 * 1024;
        final AtomicLong written = new AtomicLong();
        final AtomicBoolean clientHungUp = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private final LoopbackServer server;

        EndlessBody(int status) {
            byte[] filler = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            server = new LoopbackServer(exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write('{');
                    while (written.get() < LENGTH) {
                        out.write(filler);
                        written.addAndGet(filler.length);
                    }
                } catch (IOException e) {
                    clientHungUp.set(true);
                } finally {
                    done.countDown();
                }
            });
        }

        String baseUrl() {
            return server.baseUrl();
        }

        /**
         * Waits until the server has stopped writing. The bound only keeps a client that reads forever from
         * hanging the build; such a client then fails the test on {@link #clientHungUp}.
         */
        void awaitEnd() throws InterruptedException {
            done.await(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** The JDK's HTTP server on a loopback port with one handler, for responses WireMock cannot write. */
    public static final class LoopbackServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gptproto-test-server");
            thread.setDaemon(true);
            return thread;
        });

        public LoopbackServer(HttpHandler handler) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
