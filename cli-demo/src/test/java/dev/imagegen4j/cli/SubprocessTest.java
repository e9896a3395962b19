package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as users run it: a separate JVM, from the packaged jar or the class path. */
class SubprocessTest {
    private static final Path JAR = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolve("target").resolve("imagegen.jar");
    private static final Pattern LISTENING =
            Pattern.compile("Mock GPTProto server listening on (http://127\\.0\\.0\\.1:\\d+) \\(Ctrl-C to stop\\)");

    @TempDir
    Path dir;

    @Test
    void generatesAnImageWithThePackagedJar() throws Exception {
        assumeTrue(Files.exists(JAR), "the jar is built by `package`, after the tests of `mvn verify`");

        Cli.Result result = Cli.runSubprocess(dir, env(),
                Cli.jarCommand(JAR, "generate", "a lighthouse at dusk", "-o", "out/"));

        assertGeneratedOffline(result);
    }

    @Test
    void generatesAnImageAsASeparateProcessOnTheClassPath() throws Exception {
        Cli.Result result = Cli.runSubprocess(dir, env(),
                Cli.mainCommand("generate", "a lighthouse at dusk", "-o", "out/"));

        assertGeneratedOffline(result);
    }

    private void assertGeneratedOffline(Cli.Result result) {
        Path file = dir.resolve("out").resolve("a-lighthouse-at-dusk-1.png");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(file.toString());
        assertThat(result.errLines()).containsExactly(GenerateCommandTest.MOCK_NOTE);
        assertThat(GeneratedImage.ofFile(file).format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void exitsWithTheDocumentedCodeAsAProcess() throws Exception {
        Cli.Result result = Cli.runSubprocess(dir, env("MOCK_FAULT", "content_policy"),
                Cli.mainCommand("generate", "a lighthouse", "--provider", "mock"));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void validateWritesNothing() throws Exception {
        Cli.Result valid = Cli.runSubprocess(dir, env(), Cli.mainCommand("validate", "a lighthouse"));
        Cli.Result invalid = Cli.runSubprocess(dir, env(), Cli.mainCommand("validate", "a lighthouse", "-n", "0"));

        assertThat(valid.exitCode()).isZero();
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.errLines()).contains("error: -n: n must be between 1 and 10 on model gpt-image-1 but was 0 "
                + "[n.range]");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void servesTheMockUntilStopped() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Cli.Subprocess server = Cli.Subprocess.start(dir, env(),
                Cli.mainCommand("serve-mock", "--port", "0"))) {
            String baseUrl = awaitUrl(server);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/images/generations"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "test-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a lighthouse\",\"size\":\"1536x1024\"}"))
                    .build();

            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Cli.Result generated = Cli.run(env("GPTPROTO_API_KEY", "test-key", "GPTPROTO_BASE_URL", baseUrl),
                    "generate", "a lighthouse", "-o", dir.resolve("out") + "/");
            server.process().destroy();
            boolean stopped = server.process().waitFor(20, TimeUnit.SECONDS);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-request-id")).isPresent();
            JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
            byte[] png = Base64.getDecoder().decode(json.getAsJsonArray("data").get(0).getAsJsonObject()
                    .get("b64_json").getAsString());
            GeneratedImage image = GeneratedImage.ofBytes(png);
            assertThat(image.format()).isEqualTo(ImageFormat.PNG);
            assertThat(image.width()).isEqualTo(1536);
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            assertThat(dir.resolve("out").resolve("a-lighthouse-1.png")).isRegularFile();
            assertThat(stopped).as("stopped after SIGTERM").isTrue();
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static String awaitUrl(Cli.Subprocess server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(server.out());
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!server.process().isAlive()) {
                fail("serve-mock ended with " + server.process().exitValue() + ": " + server.err());
            }
            Thread.sleep(20);
        }
        return fail("serve-mock printed no URL within 30 s; stdout: " + server.out() + " stderr: " + server.err());
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
