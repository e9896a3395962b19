package dev.imagegen4j.gptproto;

import static dev.imagegen4j.openai.testing.WireBodies.completedEvent;
import static dev.imagegen4j.openai.testing.WireBodies.event;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.openai.testing.WireBodies.partialEvent;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import dev.imagegen4j.openai.testing.WireBodies;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The program {@link SecretScanTest} runs in a forked JVM whose SLF4J binding (slf4j-simple, on the test
 * class path) writes every logger at DEBUG to a file: it drives the gptproto provider, configured with the
 * key {@code args[0]}, through a success, a streamed success and every error path against a loopback stub,
 * and the mock provider through each of its faults, printing each failure with its stack trace as an
 * application that logs its errors would. The images served are written to {@code args[1]} as base64,
 * one per line, for the test to look for.
 *
 * <p>The stub answers by prompt: the prompt names the scenario.
 */
public final class SecretScanChild {
    private static final byte[] IMAGE = WireBodies.png(64, 64, 3_000, 42);
    private static final byte[] PARTIAL = WireBodies.png(64, 64, 2_000, 43);

    private SecretScanChild() {
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        Files.write(Path.of(args[1]), List.of(WireBodies.base64(IMAGE), WireBodies.base64(PARTIAL)));
        CountDownLatch stopped = new CountDownLatch(1);
        try (var stub = new GptProtoStubs.LoopbackServer(exchange -> serve(exchange, stopped))) {
            ProviderConfig config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                    .apiKey(key).set(ProviderConfig.BASE_URL, stub.baseUrl()).set("max-retries", "1")
                    .set("retry-initial-delay", "1ms").set("response-timeout", "300ms").build();
            try (ImageGenerator generator = ImageGenerator.create(ImageProviders.get("gptproto"), config)) {
                for (String scenario : List.of("success", "401", "403", "429", "500", "malformed", "timeout",
                        "invalid-400", "error-in-200")) {
                    run("gptproto " + scenario, () -> generator.generate(ImageRequest.builder(scenario).build()));
                }
                run("gptproto stream", () -> generator.stream(ImageRequest.builder("stream").partialImages(1).build(),
                        event -> System.out.println("event " + event)));
                run("gptproto stream error", () -> generator.stream(ImageRequest.builder("stream-error").build(),
                        event -> { }));
                run("gptproto invalid request", () -> generator.generate(ImageRequest.builder("x").count(0).build()));
            } finally {
                stopped.countDown();
            }
            ProviderConfig refused = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                    .apiKey(key).set(ProviderConfig.BASE_URL, "http://127.0.0.1:" + GptProtoStubs.closedPort())
                    .set("max-retries", "1").set("retry-initial-delay", "1ms").build();
            try (ImageGenerator generator = ImageGenerator.create(ImageProviders.get("gptproto"), refused)) {
                run("gptproto connection refused", () -> generator.generate(ImageRequest.builder("x").build()));
            }
        }
        for (String fault : List.of("rate_limit", "content_policy", "authentication", "insufficient_balance",
                "server_error", "timeout")) {
            ProviderConfig mock = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                    .apiKey(key).set("fault", fault)
                    .build();
            try (ImageGenerator generator = ImageGenerator.create(ImageProviders.get("mock"), mock)) {
                run("mock " + fault, () -> generator.generate(ImageRequest.builder("x").build()));
            }
        }
        System.out.println("done");
    }

    private static void run(String name, Runnable call) {
        System.out.println("scenario " + name);
        try {
            call.run();
            System.out.println("  succeeded");
        } catch (RuntimeException e) {
            System.out.println("  " + e);
            e.printStackTrace();
        }
    }

    private static void serve(HttpExchange exchange, CountDownLatch stopped) throws IOException {
        try (exchange) {
            String prompt = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).getAsJsonObject().get("prompt").getAsString();
            exchange.getResponseHeaders().set("x-request-id", "req_scan_" + prompt);
            switch (prompt) {
                case "success" -> send(exchange, 200, "application/json", imagesJson(IMAGE));
                case "401" -> send(exchange, 401, "application/json", fixture("error-401-invalid-api-key.json"));
                case "403" -> send(exchange, 403, "application/json", fixture("error-403-insufficient-balance.json"));
                case "429" -> {
                    exchange.getResponseHeaders().set("retry-after-ms", "1");
                    send(exchange, 429, "application/json", fixture("error-429-rate-limit.json"));
                }
                case "500" -> send(exchange, 500, "application/json", fixture("error-500-server-error.json"));
                case "malformed" -> send(exchange, 200, "application/json", "{\"data\":[{\"b64_json\":\""
                        + WireBodies.base64(IMAGE) + "\"}],,}");
                case "invalid-400" -> send(exchange, 400, "application/json", "{\"error\":{\"message\":\"Invalid "
                        + "value for 'size'.\",\"type\":\"invalid_request_error\",\"param\":\"size\"}}");
                case "error-in-200" -> send(exchange, 200, "application/json", fixture("error-403-insufficient-balance.json"));
                case "stream" -> send(exchange, 200, "text/event-stream", partialEvent(PARTIAL, 0) + completedEvent(IMAGE));
                case "stream-error" -> send(exchange, 200, "text/event-stream", partialEvent(PARTIAL, 0)
                        + event("error", "{\"type\":\"error\",\"error\":{\"message\":\"The generation failed.\"}}"));
                case "timeout" -> {
                    try {
                        // Silent until the run is over; bounded so that a stuck client cannot hang the build.
                        stopped.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> send(exchange, 404, "text/plain", "no scenario " + prompt);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
