package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key given to the CLI shows up in nothing it prints: {@code generate --debug} (stack traces and
 * all) and {@code batch} (whose results.jsonl records every error) are run in-process through each error
 * path of the gptproto provider, and of the mock one, while this JVM's own stdout and stderr are
 * captured too. The CLI ships the SLF4J no-op binding, so HttpClient's logs go nowhere; what they would
 * hold at DEBUG is scanned in provider-gptproto's SecretScanTest.
 */
class CliSecretScanTest {
    private static final String KEY = "sk-SECRETSCAN-7f3a9c";
    private static final String ECHOING_401 = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
            + ". Masked: sk-SECRE***7f3a9c.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    @TempDir
    Path dir;

    private record Scenario(String name, WireStub.Response response, List<String> extraArgs) {
    }

    private static List<Scenario> scenarios() {
        String partial = "event: image_generation.partial_image\ndata: {\"type\":\"image_generation.partial_image\","
                + "\"b64_json\":\"" + java.util.Base64.getEncoder().encodeToString(WireStub.png()) + "\"}\n\n";
        return List.of(
                new Scenario("success", WireStub.Response.json(200, WireStub.imageJson()), List.of()),
                new Scenario("401", WireStub.Response.json(401, ECHOING_401), List.of()),
                new Scenario("403", WireStub.Response.json(403, "{\"error\":{\"message\":\"Insufficient account "
                        + "balance for key " + KEY + "\",\"type\":\"insufficient_balance\"}}"), List.of()),
                new Scenario("429", WireStub.Response.json(429, "{\"error\":{\"message\":\"Rate limit reached for "
                        + KEY.substring(0, 12) + "...\",\"code\":\"rate_limit_exceeded\"}}"), List.of()),
                new Scenario("500", WireStub.Response.json(500, "<html><title>500 for " + KEY + "</title></html>"),
                        List.of()),
                new Scenario("malformed", WireStub.Response.json(200, "{\"data\":[,]} " + KEY), List.of()),
                new Scenario("timeout", WireStub.Response.json(200, WireStub.imageJson()).stalledInHalf(), List.of()),
                new Scenario("invalid request (server)", WireStub.Response.json(400, "{\"error\":{\"message\":"
                        + "\"Invalid value for 'size' with key " + KEY + "\",\"param\":\"size\"}}"), List.of()),
                new Scenario("invalid request (validation)", WireStub.Response.json(200, WireStub.imageJson()),
                        List.of("-n", "0")),
                new Scenario("stream error", WireStub.Response.events(partial + "event: error\ndata: {\"type\":"
                        + "\"error\",\"error\":{\"message\":\"The generation failed for " + KEY + "\"}}\n\n"),
                        List.of("--stream", "--partial-images", "1")),
                new Scenario("stream cut short", WireStub.Response.events(partial).cutInHalf(),
                        List.of("--stream", "--partial-images", "1")));
    }

    @Test
    void noOutputOfAnyErrorPathShowsTheKeyOrAnImage() throws Exception {
        StringBuilder printed = new StringBuilder();
        List<Integer> exitCodes = new ArrayList<>();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream jvmOutput = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(jvmOutput, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            for (Scenario scenario : scenarios()) {
                try (WireStub stub = new WireStub(scenario.response())) {
                    Map<String, String> environment = env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", stub.baseUrl(),
                            "GPTPROTO_MAX_RETRIES", "0", "GPTPROTO_RESPONSE_TIMEOUT", "300ms");
                    List<String> args = new ArrayList<>(List.of("generate", "a lighthouse", "--debug", "--force",
                            "-o", dir.resolve("out").toString()));
                    args.addAll(scenario.extraArgs());
                    Cli.Result result = Cli.run(environment, args.toArray(String[]::new));
                    printed.append("== ").append(scenario.name()).append('\n').append(result.outAndErr());
                    exitCodes.add(result.exitCode());
                }
            }
            Cli.Result refused = Cli.run(env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", "http://127.0.0.1:"
                    + closedPort(), "GPTPROTO_MAX_RETRIES", "0"), "generate", "a lighthouse", "--debug", "--force", "-o",
                    dir.resolve("out").toString());
            printed.append("== connection refused\n").append(refused.outAndErr());
            exitCodes.add(refused.exitCode());
            try (WireStub stub = new WireStub(scenarios().stream().map(Scenario::response)
                    .toArray(WireStub.Response[]::new))) {
                Path input = Files.write(dir.resolve("jobs.jsonl"), java.util.stream.IntStream.range(0, 11)
                        .mapToObj(i -> "{\"prompt\":\"line " + i + "\"}").toList());
                Cli.Result batch = Cli.run(env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", stub.baseUrl(),
                        "GPTPROTO_MAX_RETRIES", "0", "GPTPROTO_RESPONSE_TIMEOUT", "300ms"), "batch", input.toString(),
                        "--concurrency", "1", "-o", dir.resolve("batch").toString(), "--debug");
                printed.append("== batch\n").append(batch.outAndErr()).append(Files.readString(
                        dir.resolve("batch").resolve(BatchCommand.RESULTS), StandardCharsets.UTF_8));
            }
            for (String fault : List.of("rate_limit", "content_policy", "authentication", "insufficient_balance",
                    "server_error", "timeout")) {
                Cli.Result mock = Cli.run(env("GPTPROTO_API_KEY", KEY, "MOCK_FAULT", fault, "MOCK_API_KEY", KEY),
                        "generate", "a lighthouse", "--provider", "mock", "--debug", "-o", dir.resolve("mock").toString());
                printed.append("== mock ").append(fault).append('\n').append(mock.outAndErr());
                exitCodes.add(mock.exitCode());
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        String everything = printed + jvmOutput.toString(StandardCharsets.UTF_8);
        System.out.printf("cli secret scan: %d runs, exit codes %s, %d characters of output%n", exitCodes.size() + 1,
                exitCodes, everything.length());

        assertThat(exitCodes).containsExactly(0, 3, 3, 4, 6, 6, 6, 2, 2, 6, 6, 6, 4, 5, 3, 3, 6, 6);
        assertThat(everything).contains("\tat ", "AuthenticationException", "Incorrect API key provided: ***")
                .doesNotContain(KEY).doesNotContain(KEY.substring(0, 12)).doesNotContain("SECRETSCAN")
                .doesNotContain("7f3a9c");
        Matcher base64 = Pattern.compile("[A-Za-z0-9+/=]{120,}").matcher(everything);
        assertThat(base64.find() ? base64.group() : null).as("a long base64-like run in the output").isNull();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
