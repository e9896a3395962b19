package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's line end to end: {@code BFL_BASE_URL=http://127.0.0.1:PORT imagegen generate --provider bfl
 * --model flux-pro-1.1 --size 1024x768 --seed 7 "a fox" -o out/} against the mock's server, which speaks
 * BFL's submit-and-poll API.
 */
class BflThroughTheCommandTest {
    private static final String KEY = "bfl_cli-key-0123456789";

    @TempDir
    Path dir;

    @Test
    void generatesAFoxWithFluxPro11SubmittingOnceAndPollingUntilReady() throws Exception {
        Cli.Result result;
        long submits;
        Path out = dir.resolve("out");
        try (MockServerHandle server = MockServerHandle.start(Map.of("MOCK_API_KEY", KEY))) {
            result = run(env("BFL_BASE_URL", server.baseUrl(), "BFL_API_KEY", KEY), "generate", "--provider", "bfl",
                    "--model", "flux-pro-1.1", "--size", "1024x768", "--seed", "7", "a fox", "-o", out + "/");
            submits = server.bflSubmitCount();
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(out.resolve("a-fox-1.jpg").toString());
        GeneratedImage image = GeneratedImage.ofFile(out.resolve("a-fox-1.jpg"));
        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.size()).isEqualTo(ImageSize.of(1024, 768));
        assertThat(submits).isEqualTo(1);
        assertThat(result.err()).doesNotContain(KEY);
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(1);
        }
    }

    /**
     * A bfl batch killed (SIGKILL) while it waits for its first job: the resumed run waits for that job
     * again instead of submitting it, so the stub sees exactly one submit per line.
     */
    @Test
    void aBatchKilledWhileWaitingIsResumedWithoutASecondSubmit() throws Exception {
        Path input = dir.resolve("foxes.jsonl");
        Files.writeString(input, "{\"prompt\":\"a red fox\",\"model\":\"flux-pro-1.1\"}\n"
                + "{\"prompt\":\"an arctic fox\",\"model\":\"flux-pro-1.1\"}\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Path results = out.resolve(BatchCommand.RESULTS);
        try (MockServerHandle server = MockServerHandle.start(Map.of("MOCK_API_KEY", KEY))) {
            Map<String, String> environment = env("BFL_BASE_URL", server.baseUrl(), "BFL_API_KEY", KEY);
            server.bflPendingPolls(3);
            try (Cli.Subprocess killed = Cli.Subprocess.start(dir, environment, Cli.mainCommand("batch",
                    input.toString(), "-o", out.toString(), "--provider", "bfl", "--concurrency", "1"))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!(Files.exists(results) && Files.readString(results, StandardCharsets.UTF_8).contains("\n"))) {
                    assertThat(System.nanoTime()).as("a record within 30 s; stderr: %s", killed.err()).isLessThan(deadline);
                    Thread.sleep(10);
                }
                killed.process().destroyForcibly();
                assertThat(killed.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(results, StandardCharsets.UTF_8)).contains("\"status\":\"submitted\"")
                    .doesNotContain("\"status\":\"ok\"");
            assertThat(server.bflSubmitCount()).isEqualTo(1);
            server.bflPendingPolls(1);

            Cli.Result resumed = run(environment, "batch", input.toString(), "-o", out.toString(), "--provider", "bfl");

            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.err()).contains("line 1: waiting for job bfl:flux-pro-1.1:");
            assertThat(server.bflSubmitCount()).as("one submit per line, none repeated").isEqualTo(2);
            assertThat(resumed.err()).doesNotContain(KEY);
        }
    }
}
