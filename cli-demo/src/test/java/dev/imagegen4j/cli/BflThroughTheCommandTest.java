package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
