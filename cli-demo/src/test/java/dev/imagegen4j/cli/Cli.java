package dev.imagegen4j.cli;

import dev.imagegen4j.testing.DocumentationSnippets;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code imagegen} command for tests: in-process through {@link Main#run} with an injected
 * environment, or as a separate JVM on the test class path or from the packaged jar.
 */
final class Cli {
    /** The longest any subprocess in these tests may take before it is killed and the test fails. */
    static final Duration SUBPROCESS_LIMIT = Duration.ofSeconds(60);

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        String outAndErr() {
            return out + err;
        }
    }

    /** An environment of alternating names and values; nothing of the real environment leaks in. */
    static Map<String, String> env(String... namesAndValues) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return environment;
    }

    /** Runs in-process with an empty environment: no API key, so the mock provider is the default. */
    static Result run(String... args) {
        return run(env(), args);
    }

    /** Runs in-process with {@code environment} as the whole environment. */
    static Result run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, environment, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    // ---- subprocesses ----

    /** The class path of this test JVM, which holds the CLI, core and both providers (runtime scope). */
    static String classPath() {
        return DocumentationSnippets.testClassPath();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -cp <test class path> dev.imagegen4j.cli.Main args...}. */
    static List<String> mainCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-cp",
                classPath(), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java -jar jar args...}. */
    static List<String> jarCommand(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** A running JVM whose output goes to temporary files; closing it kills it if it still runs. */
    static final class Subprocess implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        private Subprocess(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /**
         * Starts {@code command} in {@code directory} with this JVM's environment minus every
         * {@code GPTPROTO_*}, {@code IMAGEGEN_*} and {@code MOCK_*} variable, plus {@code environment}.
         */
        static Subprocess start(Path directory, Map<String, String> environment, List<String> command)
                throws IOException {
            Path out = Files.createTempFile("imagegen-test-", ".out");
            Path err = Files.createTempFile("imagegen-test-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("GPTPROTO_")
                    || name.startsWith("IMAGEGEN_") || name.startsWith("MOCK_"));
            builder.environment().putAll(environment);
            return new Subprocess(builder.start(), out, err);
        }

        Process process() {
            return process;
        }

        /** What it has printed on stdout so far. */
        String out() {
            return read(out);
        }

        String err() {
            return read(err);
        }

        /** Waits, at most {@link #SUBPROCESS_LIMIT}, for it to end; fails the test when it does not. */
        Result await() throws InterruptedException {
            if (!process.waitFor(SUBPROCESS_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("the subprocess did not end within " + SUBPROCESS_LIMIT + "; stdout: " + out() + " stderr: "
                        + err());
            }
            return new Result(process.exitValue(), out(), err());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                if (process.isAlive()) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code command} to its end in {@code directory}; see {@link Subprocess#start}. */
    static Result runSubprocess(Path directory, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        try (Subprocess process = Subprocess.start(directory, environment, command)) {
            return process.await();
        }
    }
}
