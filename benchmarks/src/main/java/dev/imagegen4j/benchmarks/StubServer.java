package dev.imagegen4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server answering {@code POST /v1/images/generations} with a prepared body ({@link Bodies}):
 * three partial images and the completed one as server-sent events when the request streams
 * ({@code "stream":true}), the big body when it asks for {@value Bodies#BIG_IMAGES} images
 * ({@code "n":4}), the small one otherwise, after {@value #LATENCY_MILLIS} ms for {@value #SLOW_MODEL}.
 * {@code POST /v2beta/stable-image/generate/core} gets a 7.5 MiB PNG as Stability sends it, the bytes
 * themselves. It does no work per request beyond reading the request and writing the bytes, so that the
 * figures are the clients'.
 *
 * <p>Run alone: {@code java -Dsun.net.httpserver.nodelay=true -cp benchmarks.jar
 * dev.imagegen4j.benchmarks.StubServer [port]}; it prints {@code listening <url>} and serves until its
 * standard input ends (so it never outlives the process that started it) or it is stopped.
 */
public final class StubServer implements AutoCloseable {
    private static final Pattern COUNT = Pattern.compile("\"n\"\\s*:\\s*(\\d+)");
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    /** The model of the fan-out benchmark: one image per call, answered after {@link #LATENCY_MILLIS}. */
    static final String SLOW_MODEL = "gemini-2.5-flash-image";
    /** How long the stub thinks before answering a request for {@link #SLOW_MODEL}. */
    static final long LATENCY_MILLIS = 200;

    private final HttpServer server;
    private final ExecutorService workers;
    private final Path bigBody;
    private final long bigLength;
    private final byte[] smallBody = Bodies.small();
    private final List<byte[]> streamEvents = Bodies.streamEvents();
    private final byte[] stabilityImage = Bodies.stabilityImage();
    /** System.nanoTime() just before the first byte of the first partial image of the latest stream. */
    private volatile long firstPartialNanos;

    private StubServer(HttpServer server, ExecutorService workers, Path bigBody) throws IOException {
        this.server = server;
        this.workers = workers;
        this.bigBody = bigBody;
        this.bigLength = Files.size(bigBody);
    }

    /** Writes the big body to a temporary file and starts serving on loopback {@code port} (0: any free one). */
    public static StubServer start(int port) throws IOException {
        // Without it the JDK server's small writes wait on Nagle's algorithm and delayed ACKs (~40 ms).
        // Read once, when the server's configuration class loads: before the first HttpServer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path big = Files.createTempFile("imagegen4j-stub-big-", ".json");
        big.toFile().deleteOnExit();
        Bodies.writeBig(big);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService workers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "stub-worker");
            thread.setDaemon(true);
            return thread;
        });
        StubServer stub = new StubServer(server, workers, big);
        server.createContext("/v1/images/generations", stub::handle);
        server.createContext("/v2beta/stable-image/generate/core", stub::stability);
        server.createContext("/v1/stamps", stub::stamps);
        server.setExecutor(workers);
        server.start();
        return stub;
    }

    /** The base URL, {@code http://127.0.0.1:<port>}; clients add {@code /v1/images/generations}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The length of the big body in bytes. */
    public long bigLength() {
        return bigLength;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-request-id", "req_stub");
            String text = new String(request, StandardCharsets.UTF_8);
            if (STREAM.matcher(text).find()) {
                stream(exchange);
                return;
            }
            if (text.contains("\"" + SLOW_MODEL + "\"")) {
                Thread.sleep(LATENCY_MILLIS);
            }
            Matcher count = COUNT.matcher(text);
            boolean big = count.find() && Integer.parseInt(count.group(1)) == Bodies.BIG_IMAGES;
            try (OutputStream out = exchange.getResponseBody()) {
                if (big) {
                    exchange.sendResponseHeaders(200, bigLength);
                    byte[] buffer = new byte[1 << 20];
                    try (InputStream in = Files.newInputStream(bigBody)) {
                        for (int read; (read = in.read(buffer)) > 0; ) {
                            out.write(buffer, 0, read);
                        }
                    }
                } else {
                    exchange.sendResponseHeaders(200, smallBody.length);
                    out.write(smallBody);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A client that gives up mid-body (a heap too small) is expected during the bisection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The streamed response: each event written and flushed, the first partial's start time kept. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < streamEvents.size(); i++) {
                if (i == 0) {
                    firstPartialNanos = System.nanoTime();
                }
                out.write(streamEvents.get(i));
                out.flush();
            }
        }
    }

    /** Stability's answer with {@code Accept: image/*}: the image itself, its seed and finish reason as headers. */
    private void stability(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.getResponseHeaders().set("seed", "42");
            exchange.getResponseHeaders().set("finish-reason", "SUCCESS");
            exchange.sendResponseHeaders(200, stabilityImage.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(stabilityImage);
            }
        } catch (IOException | RuntimeException e) {
            // As above.
        }
    }

    /**
     * {@code GET /v1/stamps}: the {@link System#nanoTime()} at which the latest stream's first partial
     * image started to be written. On Linux the JVM reads CLOCK_MONOTONIC, which every process shares, so
     * the client compares it with its own clock.
     */
    private void stamps(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = Long.toString(firstPartialNanos).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        workers.shutdownNow();
        Files.deleteIfExists(bigBody);
    }

    public static void main(String[] args) throws IOException {
        try (StubServer stub = start(args.length > 0 ? Integer.parseInt(args[0]) : 0)) {
            System.out.println("listening " + stub.url() + " (big body " + stub.bigLength() + " bytes)");
            System.out.flush();
            // Serve until standard input ends: the process that started the stub closed it, or died.
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
