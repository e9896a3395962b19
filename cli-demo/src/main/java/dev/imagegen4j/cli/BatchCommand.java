package dev.imagegen4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Generates one request per line of a JSONL file. Each line's result is appended to
 * {@code results.jsonl} in the output directory as soon as it is known, so a re-run (after a failure,
 * Ctrl-C or a kill) skips the lines already done and retries only the rest.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Generate one request per line of FILE.jsonl: a JSON object with the fields prompt, model, "
                + "size, n, seed, negative_prompt, quality, background, output_format, output_compression, "
                + "moderation, user, images (files), mask (a file) and options (provider settings).",
                "Results go to results.jsonl in the output directory; re-running skips the lines already done.",
                "Exit 0 when every line succeeded, 1 when some failed, 2 when the file cannot be read."})
final class BatchCommand implements Callable<Integer> {
    static final String RESULTS = "results.jsonl";
    private static final String EXPECTED_LINE = "each line must be one JSON object such as {\"prompt\":\"a lighthouse\"}";

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "One JSON request per line.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Directory for images and results.jsonl (default: FILE's name without .jsonl, plus -out).")
    @Nullable Path output;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 2;

    @Mixin
    ProviderOptions providerOptions;

    @Spec
    CommandSpec spec;

    private final Session session;

    BatchCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (concurrency < 1) {
            throw new Main.UsageException("--concurrency must be at least 1 but was " + concurrency);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Main.UsageException("cannot read " + input + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Main.UsageException("cannot read " + input + ": permission denied");
        } catch (IOException e) {
            throw new Main.UsageException("cannot read " + input + ": " + e.getMessage());
        }
        Path directory = (output != null ? output : defaultOutput()).toAbsolutePath();
        Files.createDirectories(directory);
        Path results = directory.resolve(RESULTS);
        Set<Integer> done = finishedLines(results);
        endLastRecord(results);
        deleteUnfinishedWrites(directory);
        Spool.removeAbandoned(directory);

        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && !done.contains(i + 1)) {
                pending.add(i + 1);
            }
        }
        int skipped = (int) lines.stream().filter(line -> !line.isBlank()).count() - pending.size();
        if (skipped > 0) {
            err.println("resuming: " + skipped + " line(s) already done in " + results);
        }
        ImageProvider provider = session.provider(providerOptions.provider, err);
        Path base = input.toAbsolutePath().getParent();
        Progress progress = new Progress(err, pending.size());
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try (Spool spool = Spool.in(directory);
             ImageGenerator generator = session.generator(provider, providerOptions.apiKeyFile, spool, false)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int number : pending) {
                tasks.add(pool.submit(() -> {
                    JsonObject result = runLine(generator, number, lines.get(number - 1), directory, base);
                    if (!"ok".equals(result.get("status").getAsString())) {
                        failed.incrementAndGet();
                        err.println(System.lineSeparator() + "line " + number + ": " + result.get("error").getAsString());
                    }
                    append(results, result);
                    progress.step(failed.get());
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        out.println((pending.size() - failed.get()) + " succeeded, " + failed.get() + " failed, " + skipped
                + " skipped; results in " + results);
        return failed.get() == 0 ? Main.OK : Main.OTHER;
    }

    private Path defaultOutput() {
        String name = input.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        Path parent = input.toAbsolutePath().getParent();
        return parent.resolve(stem + "-out");
    }

    /** The lines that results.jsonl records as done; a line cut short by a kill is ignored. */
    private static Set<Integer> finishedLines(Path results) throws IOException {
        Set<Integer> done = new HashSet<>();
        if (!Files.exists(results)) {
            return done;
        }
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            try {
                JsonObject result = JsonParser.parseString(line).getAsJsonObject();
                if ("ok".equals(result.get("status").getAsString())) {
                    done.add(result.get("line").getAsInt());
                }
            } catch (RuntimeException e) {
                // An unfinished record from an interrupted run: that line simply runs again.
            }
        }
        return done;
    }

    private static JsonObject runLine(ImageGenerator generator, int number, String line, Path directory, Path base) {
        JsonObject result = new JsonObject();
        result.addProperty("line", number);
        try {
            ImageRequest request = BatchLine.request(fields(line), generator.providerId(), base);
            ImageResponse response = generator.generate(request);
            ImageFiles files = ImageFiles.inDirectory(directory, "line-" + number + "-" + Console.slug(request.prompt()),
                    true);
            JsonArray paths = new JsonArray();
            for (int i = 0; i < response.images().size(); i++) {
                paths.add(files.write(i, response.images().get(i)).toString());
            }
            result.addProperty("status", "ok");
            result.add("files", paths);
            result.addProperty("model", response.model());
            result.addProperty("request_id", response.requestId());
            if (response.usage() != null) {
                result.addProperty("total_tokens", response.usage().totalTokens());
            }
        } catch (InvalidRequestException e) {
            // A batch line is written in wire names, so its violations name the field, not the option.
            fail(result, Main.USAGE, e.violations().isEmpty() ? e.getMessage() : e.violations().stream()
                    .map(Console::describeField).collect(Collectors.joining("; ")));
        } catch (IllegalArgumentException e) {
            fail(result, Main.USAGE, e.getMessage());
        } catch (ImageGenerationException | IOException e) {
            fail(result, Main.exitCode(e), e.getMessage());
        }
        return result;
    }

    private static void fail(JsonObject result, int exitCode, String message) {
        result.addProperty("status", "error");
        result.addProperty("exit_code", exitCode);
        result.addProperty("error", message);
    }

    private static Map<String, Object> fields(String line) {
        JsonElement json;
        try {
            json = JsonParser.parseString(line);
        } catch (JsonParseException e) {
            // Gson's own message names its internals and links its troubleshooting page: not for this user.
            throw new IllegalArgumentException("not valid JSON; " + EXPECTED_LINE, e);
        }
        if (!json.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object; " + EXPECTED_LINE);
        }
        return Json.COMPACT.fromJson(json, Json.OBJECT);
    }

    /**
     * Ends a record that an interrupted run cut short with a line break, so that the next record
     * starts on a line of its own instead of being glued to the broken one and lost with it.
     */
    private static void endLastRecord(Path results) throws IOException {
        if (!Files.exists(results) || Files.size(results) == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (SeekableByteChannel channel = Files.newByteChannel(results, StandardOpenOption.READ)) {
            channel.position(channel.size() - 1);
            channel.read(last);
        }
        if (last.get(0) != '\n') {
            Files.writeString(results, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        }
    }

    /**
     * Deletes the temporary files ({@code .line-*.part}) of images whose writing an interrupted run cut
     * short; the lines they belong to are not recorded as done, so they run again.
     */
    private static void deleteUnfinishedWrites(Path directory) throws IOException {
        try (DirectoryStream<Path> unfinished = Files.newDirectoryStream(directory, ".line-*.part")) {
            for (Path file : unfinished) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static synchronized void append(Path results, JsonObject result) throws IOException {
        // One write per record, so an interruption can only cut the last line short.
        Files.writeString(results, Json.COMPACT.toJson(result) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** A progress bar on a terminal; silent when output is redirected. */
    private static final class Progress {
        private static final int WIDTH = 30;
        private final @Nullable PrintWriter terminal;
        private final int total;
        private int finished;

        Progress(PrintWriter err, int total) {
            this.terminal = System.console() != null ? err : null;
            this.total = total;
        }

        synchronized void step(int failed) {
            finished++;
            if (terminal == null || total == 0) {
                return;
            }
            int filled = finished * WIDTH / total;
            terminal.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + finished + "/" + total
                    + (failed > 0 ? " (" + failed + " failed)" : ""));
            terminal.flush();
        }

        void finish() {
            if (terminal != null && total > 0) {
                terminal.println();
            }
        }
    }
}
