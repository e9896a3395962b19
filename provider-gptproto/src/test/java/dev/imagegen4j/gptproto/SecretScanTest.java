package dev.imagegen4j.gptproto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key never escapes, and no image is logged, even with every logger at DEBUG: {@link SecretScanChild}
 * drives both providers through their error paths in a forked JVM (slf4j-simple reads its configuration
 * once, when the first logger is made, so DEBUG cannot be switched on inside this test JVM), and this
 * test reads everything it wrote: stdout, stderr with the stack traces, and the log file.
 *
 * <p>What HttpClient 5.4.4 logs at DEBUG, found here: {@code org.apache.hc.client5.http.headers} logs
 * every request header, {@code Authorization} included, in full ({@code http-outgoing-0 >> Authorization:
 * <key>}), and {@code org.apache.hc.client5.http.wire} logs every byte sent and received, so the key
 * again and the whole base64 of every image. The provider therefore opens its connections with a
 * connection factory of its own ({@code QuietConnections}) that writes neither log; HttpClient's other
 * DEBUG logs (connection pool, exchanges, timeouts) still appear, and are checked here too.
 */
class SecretScanTest {
    private static final String KEY = "sk-SECRETSCAN-7f3a9c";

    @TempDir
    Path dir;

    @Test
    void noOutputAndNoLogShowsTheKeyOrAnImage() throws Exception {
        Path log = dir.resolve("debug.log");
        Path images = dir.resolve("images.txt");
        Path output = dir.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.logFile=" + log,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", System.getProperty("java.class.path"), SecretScanChild.class.getName(), KEY, images.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        // Bounded only so that a stuck child cannot hang the build.
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String logged = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        String everything = printed + logged;
        long debugLines = logged.lines().filter(line -> line.contains(" DEBUG ")).count();
        System.out.printf("secret scan: %d characters printed, %d log lines (%d at DEBUG), %d scenarios%n",
                printed.length(), logged.lines().count(), debugLines,
                printed.lines().filter(line -> line.startsWith("scenario ")).count());

        assertThat(ended).as("the child ended; its output: %s", printed).isTrue();
        assertThat(child.exitValue()).as("exit status; output: %s", printed).isZero();
        assertThat(printed).contains("done", "AuthenticationException", "PermissionDeniedException",
                "RateLimitException", "ProviderUnavailableException", "ProviderResponseException",
                "GenerationTimeoutException", "InvalidRequestException", "ContentPolicyException", "\tat ");
        // The scan can only fail if HttpClient really logged at DEBUG, exchanges and all.
        assertThat(logged).contains("DEBUG org.apache.hc.client5.http.impl.classic.MainClientExec",
                "DEBUG org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager");
        assertThat(everything).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12))
                .doesNotContain("SECRETSCAN").doesNotContain("7f3a9c");
        for (String image : Files.readAllLines(images)) {
            assertThat(everything).as("output and logs hold no base64 of an image served")
                    .doesNotContain(image.substring(0, 40)).doesNotContain(image.substring(image.length() / 2,
                            image.length() / 2 + 40));
        }
        Matcher base64 = Pattern.compile("[A-Za-z0-9+/=]{120,}").matcher(everything);
        assertThat(base64.find() ? base64.group() : null).as("a long base64-like run in the output or logs").isNull();
    }
}
