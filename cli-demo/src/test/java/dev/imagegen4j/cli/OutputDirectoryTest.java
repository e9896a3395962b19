package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output directories that cannot be written: refused before anything is sent (so nothing is paid
 * for), in plain words, with exit 2; and a failed run leaves no directory behind. Three kinds of
 * unwritable directory, so that the check is exercised whoever runs the tests: a path through a
 * regular file (everywhere), a directory without write permission (not as root, who ignores
 * permission bits), and Linux's sysfs, where not even root may create a file.
 */
class OutputDirectoryTest {
    private static final Path SYSFS = Path.of("/sys/kernel");

    @TempDir
    Path dir;

    private static Map<String, String> gptproto(WireStub stub) {
        return env("GPTPROTO_API_KEY", "test-key-dir", "GPTPROTO_BASE_URL", stub.baseUrl(), "GPTPROTO_MAX_RETRIES", "0");
    }

    private Cli.Result generateInto(WireStub stub, String output) {
        return run(gptproto(stub), "generate", "a lighthouse", "-o", output);
    }

    /** Runs the command against a stub that would answer, and checks that no request reached it. */
    private static Cli.Result runWithoutSending(String... args) throws Exception {
        try (WireStub stub = new WireStub(WireStub.Response.json(200, WireStub.imageJson()))) {
            Cli.Result result = run(gptproto(stub), args);

            assertThat(stub.requests()).as("requests sent").isZero();
            return result;
        }
    }

    @Test
    void refusesADirectoryBelowARegularFileBeforeSendingAnything() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "not a directory", StandardCharsets.UTF_8);
        Path out = file.resolve("out");

        Cli.Result result = runWithoutSending("generate", "a lighthouse", "-o", out + "/");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot write to " + out + ": " + file
                + " is not a directory");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void refusesAReadOnlyDirectoryBeforeSendingAnything() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into a directory without write bits");
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        Cli.Result result;
        try {
            result = runWithoutSending("generate", "a lighthouse", "-o", readOnly.toString());
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot write to " + readOnly + ": permission denied");
        assertThat(readOnly).isEmptyDirectory();
    }

    @Test
    void refusesADirectoryWhereNotEvenRootMayCreateAFile() throws Exception {
        assumeTrue(Files.isDirectory(SYSFS), "Linux's sysfs");
        Path out = SYSFS.resolve("imagegen-test-out");

        Cli.Result result = runWithoutSending("generate", "a lighthouse", "-o", out + "/");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot write to " + SYSFS + ": permission denied");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesABatchWhoseOutputCannotBeWrittenBeforeRunningAnyLine() throws Exception {
        assumeTrue(Files.isDirectory(SYSFS), "Linux's sysfs");
        Path input = Files.writeString(dir.resolve("jobs.jsonl"), "{\"prompt\":\"a\"}\n", StandardCharsets.UTF_8);
        Path out = SYSFS.resolve("imagegen-test-out");

        Cli.Result result = runWithoutSending("batch", input.toString(), "-o", out.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot write to " + SYSFS + ": permission denied");
    }

    @Test
    void refusesABatchWhoseResultsFileCannotBeOpened() throws IOException {
        Path input = Files.writeString(dir.resolve("jobs.jsonl"), "{\"prompt\":\"a\"}\n", StandardCharsets.UTF_8);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path results = Files.createDirectory(out.resolve(BatchCommand.RESULTS));

        Cli.Result result = run("batch", input.toString(), "-o", out.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot write to " + results + ": is a directory");
        assertThat(filesIn(out)).containsExactly(results);
    }

    @Test
    void saysWhyAnImageCouldNotBeWrittenWithoutNamingATemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("picture-1.png"));
        Files.writeString(target.resolve("keep.txt"), "a directory stands where the image would go");

        Cli.Result result = run("generate", "a lighthouse", "-n", "2", "--force", "-o",
                dir.resolve("picture.png").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(GenerateCommandTest.MOCK_NOTE,
                "error: cannot write " + target + ": is a directory");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void leavesNoOutputDirectoryWhenTheRunFailsBeforeAnyImage() {
        Path out = dir.resolve("new").resolve("out");

        Cli.Result noKey = run(env("IMAGEGEN_PROVIDER", "gptproto"), "generate", "a lighthouse", "-o", out + "/");
        Cli.Result refused = run(env("MOCK_FAULT", "content_policy"), "generate", "a lighthouse", "-o", out + "/");

        assertThat(noKey.exitCode()).isEqualTo(3);
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void leavesNoOutputDirectoryWhenTheResponseIsCutMidImage() throws Exception {
        Path out = dir.resolve("new").resolve("out");
        Cli.Result result;
        try (WireStub stub = new WireStub(WireStub.Response.json(200, WireStub.imageJson()).cutInHalf())) {
            result = generateInto(stub, out + "/");
        }

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void createsTheOutputDirectoryWhenThereIsAnImage() {
        Path out = dir.resolve("new").resolve("out");

        Cli.Result result = run("generate", "a lighthouse", "-o", out + "/");

        assertThat(result.exitCode()).isZero();
        assertThat(filesIn(out)).containsExactly(out.resolve("a-lighthouse-1.png"));
    }

    private static java.util.List<Path> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
