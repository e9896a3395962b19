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
            Pattern.compile("Mock GPTProto server listening on (http://127\\.0\\.0\\.1:\\d+) \\(Ctrl-C to stop\\); it speaks BFL's API too");

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
    void runsTheReadmesFirstCommandTwiceWritingTheNextFreeName() throws Exception {
        List<String> readme = Cli.mainCommand("generate", "a lighthouse at dusk", "-o", "out/");

        Cli.Result first = Cli.runSubprocess(dir, env(), readme);
        Cli.Result second = Cli.runSubprocess(dir, env(), readme);

        assertGeneratedOffline(first);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.outLines()).containsExactly(dir.resolve("out").resolve("a-lighthouse-at-dusk-2.png")
                .toString());
    }

    /**
     * The gptproto provider makes HttpClient 5 log through SLF4J; the CLI ships slf4j-nop of the same
     * 2.x line, so neither "Failed to load class org.slf4j.impl.StaticLoggerBinder" (an API of 1.7)
     * nor "No SLF4J providers were found" reaches the user.
     */
    @Test
    void printsNoSlf4jNoiseWhenHttpClientRuns() throws Exception {
        Cli.Result result;
        try (WireStub stub = new WireStub(WireStub.Response.json(200, WireStub.imageJson()))) {
            result = Cli.runSubprocess(dir, env("GPTPROTO_API_KEY", "test-key-slf4j", "GPTPROTO_BASE_URL",
                    stub.baseUrl()), Cli.mainCommand("generate", "a lighthouse", "-o", "out/"));

            assertThat(stub.requests()).isOne();
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
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
        assertThat(invalid.errLines()).contains("error: -n: count must be between 1 and 10 on model gpt-image-1 but was 0 "
                + "[count.range]");
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

    /**
     * SIGKILL mid-download: no shutdown hook runs, so the run's spool (a hidden directory in the output
     * directory holding the half-decoded image) stays behind, and nothing else does: no image, no
     * {@code .part} file, and the existing file it was to replace (with --force) untouched. The next
     * generate into that directory removes the spool, since its process has ended.
     */
    @Test
    void aGenerateKilledMidDownloadLeavesOnlyItsSpoolWhichTheNextRunRemoves() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path existing = Files.writeString(out.resolve("a-lighthouse-1.png"), "precious");
        WireStub.Response image = WireStub.Response.json(200, WireStub.largeImageJson());
        try (WireStub stub = new WireStub(image.stalledInHalf(), image)) {
            java.util.Map<String, String> environment = env("GPTPROTO_API_KEY", "test-key-kill", "GPTPROTO_BASE_URL",
                    stub.baseUrl(), "GPTPROTO_MAX_RETRIES", "0", "GPTPROTO_RESPONSE_TIMEOUT", "60s");
            List<Path> spooled;
            try (Cli.Subprocess killed = Cli.Subprocess.start(dir, environment,
                    Cli.mainCommand("generate", "a lighthouse", "--force", "-o", out.toString()))) {
                assertThat(stub.awaitStall(Duration.ofSeconds(30))).as("the server sent half the image").isTrue();
                spooled = awaitSpooledBytes(out, killed);
                killed.process().destroyForcibly();
                assertThat(killed.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(existing).hasContent("precious");
            assertThat(spooled).singleElement().satisfies(file -> {
                assertThat(file.getParent().getFileName().toString()).startsWith(".imagegen-spool-");
                assertThat(file).isRegularFile();
            });
            assertThat(tree(out)).containsExactlyInAnyOrder(existing, spooled.get(0).getParent(), spooled.get(0));

            Cli.Result next = Cli.run(environment, "generate", "a lighthouse", "--force", "-o", out.toString());

            assertThat(next.exitCode()).as(next.err()).isZero();
            assertThat(GeneratedImage.ofFile(existing).format()).isEqualTo(ImageFormat.PNG);
            assertThat(tree(out)).containsExactly(existing);
        }
    }

    /** Waits, bounded, until the run's spool holds some decoded bytes; the spooled files. */
    private static List<Path> awaitSpooledBytes(Path out, Cli.Subprocess process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> spooled = tree(out).stream().filter(path -> path.getParent().getFileName().toString()
                    .startsWith(".imagegen-spool-") && Files.isRegularFile(path)).toList();
            if (!spooled.isEmpty() && Files.size(spooled.get(0)) > 0) {
                return spooled;
            }
            if (!process.process().isAlive()) {
                fail("generate ended before spooling anything; stderr: " + process.err());
            }
            Thread.sleep(10);
        }
        return fail("nothing spooled within 30 s; stderr: " + process.err());
    }

    /** Every file and directory under {@code root}, hidden ones included. */
    static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).toList();
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
