package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real {@code gptproto} provider against the mock provider's wire server, chosen the way a user
 * chooses it: by setting {@code GPTPROTO_API_KEY} (and {@code GPTPROTO_BASE_URL}).
 */
class GptProtoThroughMockServerTest {
    private static final String KEY = "test-key-5f3a9c1e";

    @TempDir
    Path dir;

    private MockServerHandle server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> clientEnvironment(String... more) {
        Map<String, String> environment = env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", server.baseUrl(),
                "GPTPROTO_MAX_RETRIES", "0");
        environment.putAll(env(more));
        return environment;
    }

    @Test
    void generatesThroughTheWireProtocolWhenAKeyIsSet() {
        server = MockServerHandle.start(env());

        Cli.Result result = run(clientEnvironment(), "generate", "a lighthouse at dusk", "--size", "1536x1024",
                "--json", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("provider").getAsString()).isEqualTo("gptproto");
        assertThat(json.get("request_id").getAsString()).startsWith("req_");
        Path file = dir.resolve("a-lighthouse-at-dusk-1.png");
        GeneratedImage image = GeneratedImage.ofFile(file);
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.width()).isEqualTo(1536);
        assertThat(image.height()).isEqualTo(1024);
        assertThat(filesIn(dir)).containsExactly(file);
    }

    @Test
    void savesStreamedPartialImagesFromTheWire() {
        server = MockServerHandle.start(env());

        Cli.Result result = run(clientEnvironment(), "generate", "a lighthouse", "--stream", "--partial-images", "2",
                "-n", "2", "--format", "webp", "-o", dir.toString());

        List<Path> files = List.of(dir.resolve("a-lighthouse-1.partial-1.webp"),
                dir.resolve("a-lighthouse-1.partial-2.webp"), dir.resolve("a-lighthouse-1.webp"),
                dir.resolve("a-lighthouse-2.partial-1.webp"), dir.resolve("a-lighthouse-2.partial-2.webp"),
                dir.resolve("a-lighthouse-2.webp"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
        assertThat(filesIn(dir)).containsExactlyInAnyOrderElementsOf(files);
        for (Path file : files) {
            assertThat(GeneratedImage.ofFile(file).format()).isEqualTo(ImageFormat.WEBP);
        }
    }

    @Test
    void exitsWith4WhenTheServerRateLimitsAndShowsNoKey() {
        server = MockServerHandle.start(env("MOCK_FAULT", "rate_limit"));

        Cli.Result result = run(clientEnvironment(), "generate", "a lighthouse", "-o", dir.toString());
        Cli.Result debug = run(clientEnvironment(), "generate", "a lighthouse", "--debug", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("error: Rate limit reached for images per minute. Please try again later.");
        assertThat(debug.exitCode()).isEqualTo(4);
        assertThat(debug.err()).contains("RateLimitException", "\tat ");
        assertThat(result.outAndErr()).doesNotContain(KEY);
        assertThat(debug.outAndErr()).doesNotContain(KEY);
        assertThat(filesIn(dir)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> exit {1}")
    @CsvSource({"rate_limit, 4", "authentication, 3", "insufficient_balance, 3", "content_policy, 5",
            "server_error, 6"})
    void mapsEachFailureOnTheWireToItsExitCode(String fault, int exitCode) {
        server = MockServerHandle.start(env());
        server.failNext(fault);

        Cli.Result result = run(clientEnvironment(), "generate", "a lighthouse", "--debug", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(exitCode);
        assertThat(result.errLines().get(0)).startsWith("error: ").contains("provider gptproto");
        assertThat(result.outAndErr()).doesNotContain(KEY);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void exitsWith6WhenTheServerDoesNotAnswerInTime() {
        server = MockServerHandle.start(env());
        server.failNext("timeout");

        Cli.Result result = run(clientEnvironment("GPTPROTO_RESPONSE_TIMEOUT", "300ms"), "generate", "a lighthouse",
                "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.outAndErr()).doesNotContain(KEY);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void exitsWith3ForAWrongKeyWithoutShowingEitherKey() {
        server = MockServerHandle.start(env("MOCK_API_KEY", "the-right-key-77"));

        Cli.Result result = run(clientEnvironment(), "generate", "a lighthouse", "--debug", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines().get(0)).startsWith("error: Incorrect API key provided.");
        assertThat(result.outAndErr()).doesNotContain(KEY).doesNotContain("the-right-key-77");
    }

    @Test
    void readsTheKeyFromAFile() throws IOException {
        server = MockServerHandle.start(env("MOCK_API_KEY", "key-from-file-42"));
        Path keyFile = Files.writeString(dir.resolve("key.txt"), "key-from-file-42\n");
        Path out = Files.createDirectory(dir.resolve("out"));

        Cli.Result result = run(clientEnvironment(), "generate", "a lighthouse", "--api-key-file", keyFile.toString(),
                "-o", out.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(out.resolve("a-lighthouse-1.png").toString());
        assertThat(result.outAndErr()).doesNotContain("key-from-file-42");
    }

    @Test
    void retriesARateLimitWhenRetriesAreAllowed() {
        server = MockServerHandle.start(env("MOCK_RETRY_AFTER", "50ms"));
        server.failNext("rate_limit");

        Cli.Result result = run(clientEnvironment("GPTPROTO_MAX_RETRIES", "2"), "generate", "a lighthouse",
                "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(dir.resolve("a-lighthouse-1.png").toString());
    }

    @Test
    void runsABatchThroughTheWire() throws IOException {
        server = MockServerHandle.start(env());
        Path input = Files.writeString(dir.resolve("jobs.jsonl"),
                "{\"prompt\":\"a\",\"n\":2}\n{\"prompt\":\"b\",\"size\":\"1536x1024\",\"output_format\":\"jpeg\"}\n");
        Path out = dir.resolve("out");

        Cli.Result result = run(clientEnvironment(), "batch", input.toString(), "-o", out.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).hasSize(2).first().isEqualTo("2 succeeded, 0 failed, 0 skipped; results in "
                + out.resolve("results.jsonl"));
        // gptproto carries OpenAI's list prices; the mock server reports usage, so the actual cost is known.
        assertThat(result.outLines().get(1)).matches("total cost \\$0\\.\\d+ \\(estimated \\$0\\.\\d+\\)");
        assertThat(filesIn(out)).hasSize(4).contains(out.resolve("results.jsonl"));
        assertThat(filesIn(out)).map(file -> file.getFileName().toString()).filteredOn(name -> !name.equals("results.jsonl"))
                .allMatch(name -> name.matches("(a-[0-9a-f]{12}-[12]\\.png|b-[0-9a-f]{12}-1\\.jpg)"));
    }

    private static List<Path> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
