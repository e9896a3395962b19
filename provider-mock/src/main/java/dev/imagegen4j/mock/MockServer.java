package dev.imagegen4j.mock;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.Violation;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.mock.internal.FormData;
import dev.imagegen4j.mock.internal.MockPlan;
import dev.imagegen4j.openai.GptImageModels;
import dev.imagegen4j.openai.ImagesError;
import dev.imagegen4j.openai.ImagesEventStream;
import dev.imagegen4j.openai.ImagesRequestJson;
import dev.imagegen4j.openai.ImagesResponseJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server that serves {@code POST /v1/images/generations} and
 * {@code POST /v1/images/edits} (multipart; {@code image} or {@code image[]}, {@code mask}; with
 * {@code size} unset the result has the first input image's size) in the GPTProto (OpenAI) wire
 * format with the mock provider behind it, so that the {@code gptproto} provider, or
 * any OpenAI-compatible client, can be tested end to end without a network.
 *
 * <pre>{@code
 * try (MockServer server = MockServer.start(0, ProviderConfig.defaults())) {
 *     URI baseUrl = server.baseUrl();            // http://127.0.0.1:<port>
 *     server.behavior().failNext(MockFault.RATE_LIMIT);
 *     ...
 * }
 * }</pre>
 *
 * <p>It answers:
 * <ul>
 * <li>for the models that answer with URLs ({@link GptImageModels#URL_RESULTS}: flux-kontext-pro,
 *     Seedream), {@code data[].url}s on this server's {@value #FILES_PATH}, which serves each file by
 *     {@code GET} without a key (the last {@value #KEPT_FILES} are kept);</li>
 * <li>200 {@code application/json} with {@code created}, {@code data[].b64_json}, the effective
 *     {@code size}, {@code quality}, {@code background}, {@code output_format} and {@code usage};</li>
 * <li>with {@code "stream": true}, 200 {@code text/event-stream} with an
 *     {@code image_generation.partial_image} event per partial image and an
 *     {@code image_generation.completed} event per image, each written as soon as it is made; every
 *     completed event carries the usage of the whole request;</li>
 * <li>OpenAI error envelopes {@code {"error":{"message","type","param","code"}}}: 400 for an invalid
 *     body or request (naming the {@code param}), 401 without an {@code Authorization} header or, when
 *     the {@code mock} setting {@code api-key} is set, with another key, 404/405 for other paths and
 *     methods, and the status of each injected {@link MockFault} (429 with {@code retry-after} and
 *     {@code retry-after-ms}); an injected timeout holds the request for the shorter of the {@code timeout}
 *     setting and {@link #TIMEOUT_HOLD}, then answers 504 {@code timeout}.</li>
 * </ul>
 * <p>It also serves Black Forest Labs' asynchronous API, in BFL's wire format, for the {@code bfl}
 * provider: {@code POST /v1/{model}} for every model of {@code BflModels} (header {@code x-key}; the
 * body checked against the model's rules, a 422 {@code {"detail":[{loc,msg,type}]}} naming BFL's field
 * otherwise) answers {@code {id, polling_url, cost}} with a polling URL on this server;
 * {@code GET /v1/get_result?id=} (with {@code x-key}) answers {@code Pending} {@link #bflPendingPolls}
 * times, then {@code Ready} with {@code result.sample} on {@value #FILES_PATH} and {@code result.seed}
 * (a random one when none was sent). A prompt containing {@value #BFL_CONTENT_MODERATED},
 * {@value #BFL_REQUEST_MODERATED}, {@value #BFL_TASK_ERROR} or {@value #BFL_TASK_EXPIRED} ends its task
 * so instead; unknown ids are {@code Task not found}. Faults apply to submits, with BFL's statuses
 * (429 with {@code Retry-After}, 402 for {@code insufficient_balance}, 401, 500; {@code content_policy}
 * ends the task {@code Request Moderated}); {@link #bflSubmitCount()} counts the submits.
 *
 * <p>A request may inject a fault for itself alone with the header {@value #FAULT_HEADER}, such as
 * {@code X-Mock-Fault: rate_limit}. Every response has an {@code x-request-id}. The body's fields are
 * those of {@link ImagesRequestJson#fromFields}, {@code seed} among them, checked against the model as
 * the in-process mock checks them.
 */
public final class MockServer implements AutoCloseable {
    /** The request header that injects a {@link MockFault} into that request only. */
    public static final String FAULT_HEADER = "X-Mock-Fault";
    /** The path served. */
    public static final String PATH = "/v1/images/generations";

    /** The path of edits: {@code multipart/form-data} with {@code image} or {@code image[]}, and {@code mask}. */
    public static final String EDITS_PATH = "/v1/images/edits";

    /** A BFL prompt containing this ends its task {@code Content Moderated}. */
    public static final String BFL_CONTENT_MODERATED = "[content-moderated]";
    /** A BFL prompt containing this ends its task {@code Request Moderated}. */
    public static final String BFL_REQUEST_MODERATED = "[request-moderated]";
    /** A BFL prompt containing this ends its task in {@code Error}, with details. */
    public static final String BFL_TASK_ERROR = "[task-error]";
    /** A BFL prompt containing this makes its task expire: polls answer {@code Task not found}. */
    public static final String BFL_TASK_EXPIRED = "[task-expired]";

    /** Where the images of models that answer with URLs are served from, by {@code GET}, without a key. */
    public static final String FILES_PATH = "/files/";

    /** How many images answered as URLs are kept for download; the oldest go first. */
    static final int KEPT_FILES = 256;
    /**
     * The longest an injected timeout holds a request before answering 504: long enough that a client
     * with a shorter response timeout gives up first, short enough that one with a long timeout (the
     * gptproto provider waits 10 minutes by default) is not stuck.
     */
    public static final Duration TIMEOUT_HOLD = Duration.ofSeconds(3);

    static {
        // Without it the JDK server delays small writes by Nagle's algorithm, ~40 ms per response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ImageGenerator generator;
    private final MockBehavior behavior;
    private final @Nullable String expectedKey;
    private final AtomicLong requests = new AtomicLong();
    private final BflEndpoints bfl;
    private static final Type OBJECT = new TypeToken<Map<String, Object>>() { }.getType();

    private final Gson gson = new Gson();
    private final Map<String, GeneratedImage> files = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GeneratedImage> eldest) {
            return size() > KEPT_FILES;
        }
    };

    private MockServer(HttpServer server, ExecutorService executor, ImageGenerator generator, MockBehavior behavior,
                       @Nullable String expectedKey) {
        this.server = server;
        this.executor = executor;
        this.generator = generator;
        this.behavior = behavior;
        this.expectedKey = expectedKey;
        this.bfl = new BflEndpoints(this, behavior, expectedKey);
    }

    /**
     * Starts a server on the loopback address with a generator configured by the {@code mock}
     * settings of {@code config} (see {@link MockBehavior}); the optional setting {@code api-key} is
     * the only key the server accepts.
     *
     * @param port the port, or 0 for any free one
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static MockServer start(int port, ProviderConfig config) {
        MockBehavior behavior = MockBehavior.from(config);
        ImageGenerator generator = ImageGenerator.create(new MockImageProvider(behavior), config);
        String expectedKey = config.get(MockImageProvider.ID, ProviderConfig.API_KEY).orElse(null);
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "imagegen4j-mock-server");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            MockServer mock = new MockServer(http, executor, generator, behavior, expectedKey);
            http.createContext("/", mock::handle);
            http.setExecutor(executor);
            http.start();
            return mock;
        } catch (IOException e) {
            executor.shutdownNow();
            generator.close();
            throw new UncheckedIOException("cannot start the mock server on port " + port, e);
        }
    }

    /** The base URL to give a client, such as {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The script of faults and latency the server's generator follows. */
    public MockBehavior behavior() {
        return behavior;
    }

    /** Stops the server, ending requests in progress (including held timeouts). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        generator.close();
    }

    /**
     * How many BFL submits ({@code POST /v1/{model}}) the server has received, accepted or not: a test
     * that re-attaches to a job proves with it that nothing was submitted twice.
     */
    public long bflSubmitCount() {
        return bfl.submits();
    }

    /**
     * How many polls of each BFL task submitted from now on answer {@code Pending} before its outcome;
     * 1 unless set, so that a client sees a queued task once.
     *
     * @throws IllegalArgumentException when {@code polls} is negative
     */
    public MockServer bflPendingPolls(int polls) {
        bfl.pendingPolls(polls);
        return this;
    }

    /** How many HTTP requests the server has received, for tests that check what a client sent. */
    public long requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getResponseHeaders().set("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
            try {
                serve(exchange);
            } catch (WireError e) {
                sendError(exchange, e.status, e.error);
            } catch (RuntimeException e) {
                if (exchange.getResponseCode() != -1) {
                    throw e;
                }
                sendError(exchange, 500, new ImagesError("The mock server failed: " + e, "server_error", null, null));
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(FILES_PATH) && exchange.getRequestMethod().equals("GET")) {
            serveFile(exchange, path.substring(FILES_PATH.length()));
            return;
        }
        if (BflEndpoints.serves(path)) {
            bfl.serve(exchange);
            return;
        }
        if (!path.equals(PATH) && !path.equals(EDITS_PATH)) {
            throw new WireError(404, "invalid_request_error", "Unknown request URL: "
                    + exchange.getRequestMethod() + " " + path + ".", null, "unknown_url");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new WireError(405, "invalid_request_error", "Only POST is allowed on " + path + ".", null, null);
        }
        checkKey(exchange.getRequestHeaders().getFirst("Authorization"));
        ImagesRequestJson.Parsed parsed;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            parsed = path.equals(EDITS_PATH) ? parseForm(bytes, exchange.getRequestHeaders().getFirst("Content-Type"))
                    : parse(new String(bytes, StandardCharsets.UTF_8));
        }
        ImageRequest request = parsed.request();
        String injected = exchange.getRequestHeaders().getFirst(FAULT_HEADER);
        if (injected != null) {
            behavior.failNext(parseHeaderFault(injected));
        }
        try {
            if (parsed.stream()) {
                stream(exchange, request);
            } else {
                ImageResponse response = generator.generate(request);
                sendJson(exchange, 200, GptImageModels.URL_RESULTS.contains(response.model())
                        ? urlJson(exchange, response) : responseJson(response));
            }
        } catch (InvalidRequestException e) {
            throw new WireError(400, "invalid_request_error", e.reason(),
                    e.param().map(ImagesRequestJson::wireName).orElse(null), "invalid_value");
        } catch (ImageGenerationException e) {
            fail(exchange, e);
        }
    }

    private void checkKey(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new WireError(401, "invalid_request_error", "You didn't provide an API key. Send it in the "
                    + "Authorization header.", null, null);
        }
        String key = authorization.strip();
        if (key.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = key.substring(7).strip();
        }
        if (expectedKey != null && !expectedKey.equals(key)) {
            // Never echo the key: error messages end up in logs.
            throw new WireError(401, "invalid_request_error", "Incorrect API key provided.", null, "invalid_api_key");
        }
    }

    private static MockFault parseHeaderFault(String text) {
        try {
            return MockFault.fromWireName(text);
        } catch (IllegalArgumentException e) {
            throw new WireError(400, "invalid_request_error", FAULT_HEADER + ": " + e.getMessage(), null, null);
        }
    }

    private void fail(HttpExchange exchange, ImageGenerationException e) throws IOException {
        MockFault fault = faultOf(e);
        if (fault == MockFault.TIMEOUT) {
            Duration held = hold();
            sendError(exchange, 504, new ImagesError("No response within " + Durations.human(held)
                    + " (injected timeout)", fault.type(), fault.type(), null));
            return;
        }
        if (e instanceof RateLimitException limit) {
            Duration delay = limit.retryAfter().orElse(Duration.ZERO);
            exchange.getResponseHeaders().set("retry-after", Long.toString((delay.toMillis() + 999) / 1000));
            exchange.getResponseHeaders().set("retry-after-ms", Long.toString(delay.toMillis()));
        }
        sendError(exchange, fault.httpStatus(), new ImagesError(fault.message(), fault.type(), fault.code(), null));
    }

    private static MockFault faultOf(ImageGenerationException e) {
        for (MockFault fault : MockFault.values()) {
            if (fault.code() != null ? fault.code().equals(e.errorCode().orElse(null))
                    : e.httpStatus().orElse(0) == fault.httpStatus()) {
                return fault;
            }
        }
        return MockFault.TIMEOUT;
    }

    /** An injected timeout: answers nothing for a while, or until the server stops; how long it held. */
    Duration hold() {
        Duration timeout = behavior.timeout();
        Duration hold = timeout.compareTo(TIMEOUT_HOLD) < 0 ? timeout : TIMEOUT_HOLD;
        try {
            Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return hold;
    }

    private void stream(HttpExchange exchange, ImageRequest request) throws IOException {
        // Checked as a streaming request, where partial images apply, as generator.stream() checks it.
        ImageRequest resolved = generator.models().validate(request, MockImageProvider.ID,
                ValidationOptions.STRICT.forStreaming()).requireValid(MockImageProvider.ID);
        MockPlan plan = MockPlan.of(resolved, MockImageProvider.ID, resolved.count() == null ? 1 : resolved.count(),
                true, true);
        // Every event carries the effective settings; completed ones the usage of the whole request.
        ImagesResponseJson.Envelope envelope = new ImagesResponseJson.Envelope(Instant.now(), plan.size().text(),
                plan.quality().id(), plan.backgroundName(), plan.formatName(),
                Objects.requireNonNull(plan.usage()));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        OutputStream[] body = new OutputStream[1];
        try {
            generator.stream(request, event -> {
                try {
                    // Headers go out with the first event, so failures before it still get their own status.
                    if (body[0] == null) {
                        exchange.sendResponseHeaders(200, 0);
                        body[0] = exchange.getResponseBody();
                    }
                    ImagesEventStream.write(body[0], event, envelope);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String responseJson(ImageResponse response) {
        return ImagesResponseJson.toJson(response.images(), envelope(response));
    }

    private static ImagesResponseJson.Envelope envelope(ImageResponse response) {
        return new ImagesResponseJson.Envelope(response.created() == null ? Instant.now() : response.created(),
                response.size(), response.quality(), response.background(), response.outputFormat(), response.usage());
    }

    /** The response of a model that answers with URLs: each image is kept, and served from {@link #FILES_PATH}. */
    private String urlJson(HttpExchange exchange, ImageResponse response) {
        List<URI> urls = new ArrayList<>();
        for (GeneratedImage image : response.images()) {
            urls.add(keep(exchange, image));
        }
        return ImagesResponseJson.toUrlJson(urls, envelope(response));
    }

    /** Keeps {@code image} for download, and gives its URL on {@link #FILES_PATH}, on the host the client asked. */
    URI keep(HttpExchange exchange, GeneratedImage image) {
        String name = UUID.randomUUID() + "." + image.format().extension();
        synchronized (files) {
            files.put(name, image);
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        return URI.create("http://" + (host == null ? baseUrl().getAuthority() : host) + FILES_PATH + name
                + "?sig=mock-signature");
    }

    private void serveFile(HttpExchange exchange, String name) throws IOException {
        GeneratedImage image;
        synchronized (files) {
            image = files.get(name);
        }
        if (image == null) {
            throw new WireError(404, "invalid_request_error", "No such file: " + name + ".", null, "file_not_found");
        }
        byte[] bytes = image.bytes();
        exchange.getResponseHeaders().set("Content-Type", image.format().mimeType());
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendError(HttpExchange exchange, int status, ImagesError error) throws IOException {
        sendJson(exchange, status, error.toJson());
    }

    // ---- request parsing ----

    private ImagesRequestJson.Parsed parseForm(byte[] body, @Nullable String contentType) {
        String boundary = FormData.boundary(contentType);
        if (boundary == null) {
            throw new WireError(400, "invalid_request_error", "The body of " + EDITS_PATH
                    + " must be multipart/form-data.", null, "invalid_content_type");
        }
        Map<String, String> form = new LinkedHashMap<>();
        List<InputImage> images = new ArrayList<>();
        InputImage mask = null;
        try {
            for (FormData.Part part : FormData.parse(body, boundary)) {
                switch (part.name()) {
                    case "image", "image[]" -> images.add(InputImage.of(part.body()));
                    case "mask" -> mask = InputImage.of(part.body());
                    default -> form.put(part.name(), part.text());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new WireError(400, "invalid_request_error", "Unreadable form: " + e.getMessage(), null, "invalid_form");
        }
        if (images.isEmpty()) {
            throw new WireError(400, "invalid_request_error", "image is required.", "image", "missing_required_parameter");
        }
        try {
            return ImagesRequestJson.fromFormFields(form, images, mask, extrasOf(form.get("model")), MockImageProvider.ID);
        } catch (InvalidRequestException e) {
            Violation first = e.violations().get(0);
            throw new WireError(400, "invalid_request_error", e.reason(), first.field(), first.rule());
        }
    }

    /** The extras the model {@code model} declares, which its requests may carry as fields. */
    private Set<String> extrasOf(@Nullable Object model) {
        return generator.models().specFor(model instanceof String id ? id : generator.models().defaultModel())
                .extras().keySet();
    }

    private ImagesRequestJson.Parsed parse(String body) {
        Map<String, Object> fields;
        try {
            fields = gson.fromJson(body, OBJECT);
        } catch (JsonParseException e) {
            fields = null;
        }
        if (fields == null) {
            throw new WireError(400, "invalid_request_error", "We could not parse the JSON body of your request. "
                    + "The body must be a JSON object.", null, "invalid_json");
        }
        try {
            return ImagesRequestJson.fromFields(fields, extrasOf(fields.get("model")), MockImageProvider.ID);
        } catch (InvalidRequestException e) {
            Violation first = e.violations().get(0);
            throw new WireError(400, "invalid_request_error", e.reason(), first.field(), first.rule());
        }
    }

    /** A refusal to answer with an error envelope. */
    private static final class WireError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int status;
        final transient ImagesError error;

        WireError(int status, String type, String message, @Nullable String param, @Nullable String code) {
            super(message, null, false, false);
            this.status = status;
            this.error = new ImagesError(message, type, code, param);
        }
    }
}
