package dev.imagegen4j.mock;

import com.sun.net.httpserver.HttpExchange;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.Violation;
import dev.imagegen4j.bfl.api.BflError;
import dev.imagegen4j.bfl.api.BflModels;
import dev.imagegen4j.bfl.api.BflRequestJson;
import dev.imagegen4j.bfl.api.BflResult;
import dev.imagegen4j.bfl.api.BflStatus;
import dev.imagegen4j.bfl.api.BflSubmission;
import dev.imagegen4j.bfl.api.BflWireException;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.mock.internal.MockPlan;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MockServer}'s Black Forest Labs endpoints, in BFL's wire format (module bfl-api): a submit
 * {@code POST /v1/{model}} checks the {@code x-key} header and the body against the model's rules (a 422
 * {@code detail} naming BFL's field otherwise) and answers {@code {id, polling_url, cost}}; a poll
 * {@code GET /v1/get_result?id=} answers {@code Pending} a configurable number of times, then the task's
 * outcome. Ready images are painted as the mock paints every image, and served from the server's files.
 */
final class BflEndpoints {
    /** The path of polls; the polling URLs point here, on the same server. */
    static final String GET_RESULT = "/v1/get_result";
    /** How many tasks are kept for polling; the oldest are forgotten ({@code Task not found}) first. */
    static final int KEPT_TASKS = 1024;
    private static final String PROVIDER = "bfl";

    private final MockBehavior behavior;
    private final @Nullable String expectedKey;
    private final MockServer server;
    private final AtomicLong submits = new AtomicLong();
    private final AtomicInteger pendingPolls = new AtomicInteger(1);
    private final Map<String, Task> tasks = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Task> eldest) {
            return size() > KEPT_TASKS;
        }
    };

    /** What becomes of a task, chosen by a keyword in its prompt. */
    enum Outcome {
        READY(null),
        CONTENT_MODERATED(MockServer.BFL_CONTENT_MODERATED),
        REQUEST_MODERATED(MockServer.BFL_REQUEST_MODERATED),
        ERROR(MockServer.BFL_TASK_ERROR),
        EXPIRED(MockServer.BFL_TASK_EXPIRED);

        final @Nullable String keyword;

        Outcome(@Nullable String keyword) {
            this.keyword = keyword;
        }

        static Outcome of(String prompt) {
            String text = prompt.toLowerCase(Locale.ROOT);
            for (Outcome outcome : values()) {
                if (outcome.keyword != null && text.contains(outcome.keyword)) {
                    return outcome;
                }
            }
            return READY;
        }
    }

    /** A submitted task: its request (with the seed it is made with), its outcome, and the polls left. */
    private static final class Task {
        final ImageRequest request;
        final Outcome outcome;
        final int polls;
        int polled;
        @Nullable BflResult ready;

        Task(ImageRequest request, Outcome outcome, int polls) {
            this.request = request;
            this.outcome = outcome;
            this.polls = polls;
        }
    }

    BflEndpoints(MockServer server, MockBehavior behavior, @Nullable String expectedKey) {
        this.server = server;
        this.behavior = behavior;
        this.expectedKey = expectedKey;
    }

    /** Whether {@code path} is one of BFL's: a listed model's submit, or the poll. */
    static boolean serves(String path) {
        return path.equals(GET_RESULT) || path.startsWith("/v1/") && BflModels.isListed(path.substring(4));
    }

    long submits() {
        return submits.get();
    }

    void pendingPolls(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("pending polls must be >= 0 but was " + polls);
        }
        pendingPolls.set(polls);
    }

    void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean poll = path.equals(GET_RESULT);
        if (!method.equals(poll ? "GET" : "POST")) {
            exchange.getResponseHeaders().set("Allow", poll ? "GET" : "POST");
            MockServer.sendJson(exchange, 405, message("Method Not Allowed").toJson());
            return;
        }
        if (poll) {
            // BFL's examples send the key to the polling URL [B9]; the mock insists, to catch a client that drops it.
            if (refusedKey(exchange)) {
                return;
            }
            poll(exchange);
        } else {
            submits.incrementAndGet();
            if (refusedKey(exchange)) {
                return;
            }
            submit(exchange, path.substring(4));
        }
    }

    private boolean refusedKey(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("x-key");
        if (key == null || key.isBlank() || expectedKey != null && !expectedKey.equals(key.strip())) {
            // Never echo the key: error messages end up in logs.
            MockServer.sendJson(exchange, 401, new BflError(key == null || key.isBlank() ? "Not authenticated" : "Invalid API key",
                    java.util.List.of()).toJson());
            return true;
        }
        return false;
    }

    private void submit(HttpExchange exchange, String model) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ImageRequest request;
        try {
            request = valid(BflRequestJson.fromJson(model, body, PROVIDER));
        } catch (BflWireException e) {
            MockServer.sendJson(exchange, 422, BflError.invalid(e.field() == null ? "body" : e.field(), e.getMessage(),
                    "value_error").toJson());
            return;
        } catch (InvalidRequestException e) {
            Violation first = e.violations().get(0);
            MockServer.sendJson(exchange, 422, BflError.invalid(BflRequestJson.wireField(first.field(), model), first.message(),
                    first.rule()).toJson());
            return;
        }
        String injected = exchange.getRequestHeaders().getFirst(MockServer.FAULT_HEADER);
        MockFault fault;
        try {
            fault = injected != null ? MockFault.fromWireName(injected) : behavior.takeFault();
        } catch (IllegalArgumentException e) {
            MockServer.sendJson(exchange, 400, message(MockServer.FAULT_HEADER + ": " + e.getMessage()).toJson());
            return;
        }
        Outcome outcome = Outcome.of(request.prompt());
        if (fault != null) {
            if (fault != MockFault.CONTENT_POLICY) {
                fail(exchange, fault);
                return;
            }
            outcome = Outcome.REQUEST_MODERATED;
        }
        if (request.seed() == null) {
            // As BFL does: a random seed, reported with the result.
            request = request.toBuilder().seed(ThreadLocalRandom.current().nextLong(BflModels.MAX_SEED + 1)).build();
        }
        String id = UUID.randomUUID().toString();
        synchronized (tasks) {
            tasks.put(id, new Task(request, outcome, pendingPolls.get()));
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String pollingUrl = "http://" + host + GET_RESULT + "?id=" + id;
        MockServer.sendJson(exchange, 200, new BflSubmission(id, pollingUrl, 4.0).toJson());
    }

    /** {@code request} checked as BFL checks it: against the model's spec, strictly. */
    private static ImageRequest valid(ImageRequest request) {
        return BflModels.catalog().validate(request, PROVIDER, ValidationOptions.STRICT).requireValid(PROVIDER);
    }

    private void fail(HttpExchange exchange, MockFault fault) throws IOException {
        switch (fault) {
            case RATE_LIMIT -> {
                long seconds = Math.max(1, (behavior.retryAfter().toMillis() + 999) / 1000);
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
                MockServer.sendJson(exchange, 429, message("You have exceeded the number of active tasks.")
                        .toJson());
            }
            case INSUFFICIENT_BALANCE -> MockServer.sendJson(exchange, 402, message("Insufficient credits.")
                    .toJson());
            case AUTHENTICATION -> MockServer.sendJson(exchange, 401, message("Invalid API key").toJson());
            case TIMEOUT -> {
                Duration held = server.hold();
                MockServer.sendJson(exchange, 504, message("No response within " + Durations.human(held)
                        + " (injected timeout)").toJson());
            }
            case SERVER_ERROR, CONTENT_POLICY -> MockServer.sendJson(exchange, 500, new BflError("Internal Server Error",
                    java.util.List.of()).toJson());
        }
    }

    private void poll(HttpExchange exchange) throws IOException {
        String id = query(exchange.getRequestURI(), "id");
        if (id == null) {
            MockServer.sendJson(exchange, 422, BflError.invalid("id", "Field required", "missing").toJson()
                    .replace("\"body\"", "\"query\""));
            return;
        }
        BflResult result;
        synchronized (tasks) {
            Task task = tasks.get(id);
            result = task == null ? BflResult.of(id, BflStatus.TASK_NOT_FOUND, null, null, null, null)
                    : next(exchange, id, task);
        }
        MockServer.sendJson(exchange, 200, result.toJson());
    }

    /** What the next poll of {@code task} answers; called holding the tasks' lock. */
    private BflResult next(HttpExchange exchange, String id, Task task) {
        if (task.polled < task.polls) {
            task.polled++;
            // Queued at first, then running and further along with every poll.
            Double progress = task.polled == 1 ? null : (double) (task.polled - 1) / task.polls;
            return BflResult.of(id, BflStatus.PENDING, null, null, progress, null);
        }
        return switch (task.outcome) {
            case READY -> {
                if (task.ready == null) {
                    GeneratedImage image = GeneratedImage.ofBytes(paint(task.request));
                    task.ready = BflResult.of(id, BflStatus.READY, server.keep(exchange, image).toString(),
                            task.request.seed(), null, null);
                }
                yield task.ready;
            }
            case CONTENT_MODERATED -> BflResult.of(id, BflStatus.CONTENT_MODERATED, null, null, null,
                    "{\"moderation_reasons\":[\"mock\"]}");
            case REQUEST_MODERATED -> BflResult.of(id, BflStatus.REQUEST_MODERATED, null, null, null,
                    "{\"moderation_reasons\":[\"mock\"]}");
            case ERROR -> BflResult.of(id, BflStatus.ERROR, null, null, null,
                    "{\"message\":\"the mock failed this task on purpose\"}");
            case EXPIRED -> BflResult.of(id, BflStatus.TASK_NOT_FOUND, null, null, null, null);
        };
    }

    /** The image of {@code request}, in BFL's default format and size where it sets none. */
    private static byte[] paint(ImageRequest request) {
        String model = String.valueOf(request.model());
        ModelSpec spec = BflModels.catalog().specFor(model);
        ImageRequest.Builder resolved = request.toBuilder();
        if (request.outputFormat() == null) {
            resolved.outputFormat(BflModels.defaultFormat(model));
        }
        if ((request.size() == null || request.size().isAuto()) && request.images().isEmpty()) {
            // BFL's defaults: 1024x768 on FLUX.1 [B1], 16:9 on ultra, about a megapixel square elsewhere.
            resolved.size(spec.sizes() instanceof SizeRule.AspectRatios ? ImageSize.ratio(16, 9)
                    : model.startsWith("flux-2") ? ImageSize.of(1024, 1024) : ImageSize.of(1024, 768));
        }
        return MockPlan.of(resolved.build(), PROVIDER, 1, false, false).render(0);
    }

    private static @Nullable String query(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=") && pair.length() > name.length() + 1) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static BflError message(String message) {
        return new BflError(message, List.of());
    }
}
