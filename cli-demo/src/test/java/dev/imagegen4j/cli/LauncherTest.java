package dev.imagegen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./imagegen} launcher's first build, with a stand-in {@code mvn} first on the PATH so that
 * no real build runs inside this one: not on a terminal it says once that it builds, and when the
 * build fails it shows Maven's whole output.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent()
            .resolve("imagegen");

    @TempDir
    Path dir;

    private Path fakeMaven(String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n" + script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private Cli.Result launch(Path bin) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("clone"));
        Path launcher = Files.copy(LAUNCHER, root.resolve("imagegen"), StandardCopyOption.REPLACE_EXISTING);
        return Cli.runSubprocess(root, java.util.Map.of("PATH", bin + ":" + System.getenv("PATH")),
                List.of("bash", launcher.toString(), "--version"));
    }

    @Test
    void showsMavensWholeOutputWhenTheFirstBuildFails() throws Exception {
        Path bin = fakeMaven("echo '[INFO] Building imagegen4j core 0.1.0-SNAPSHOT [2/4]'\n"
                + "echo '[ERROR] COMPILATION ERROR : cannot find symbol' >&2\nexit 1\n");

        Cli.Result result = launch(bin);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(4).startsWith("imagegen: building the command line jar (first run only)...")
                .contains("[INFO] Building imagegen4j core 0.1.0-SNAPSHOT [2/4]",
                        "[ERROR] COMPILATION ERROR : cannot find symbol");
        assertThat(result.errLines().get(3)).matches("imagegen: the build failed after \\d+s; Maven's output is above");
        assertThat(result.err()).doesNotContain("\r");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void saysHowLongTheBuildTookAndKeepsMavensOutputToItselfWhenItSucceeds() throws Exception {
        Path bin = fakeMaven("echo '[INFO] Building imagegen4j CLI 0.1.0-SNAPSHOT [4/4]'\n"
                + "mkdir -p cli-demo/target && : > cli-demo/target/imagegen.jar\n");

        Cli.Result result = launch(bin);

        assertThat(result.errLines()).startsWith("imagegen: building the command line jar (first run only)...");
        assertThat(result.errLines().get(1)).matches("imagegen: built .*/cli-demo/target/imagegen\\.jar in \\d+s");
        assertThat(result.err()).doesNotContain("[INFO]");
    }
}
