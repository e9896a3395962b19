package dev.imagegen4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.imagegen4j.BudgetExceededException;
import dev.imagegen4j.Cost;
import dev.imagegen4j.CostBudget;
import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
 * Generates one request per line of a JSONL file. Each request is known by the SHA-256 of its
 * canonical JSON ({@link Json#hash}), not by its line number, and its result is appended to
 * {@code results.jsonl} in the output directory as soon as it is known, with that hash and the line
 * number it had. A re-run (after a failure, Ctrl-C, a kill, or an edit of the file) therefore skips
 * exactly the requests already done, wherever they now stand, and runs the rest. Identical requests in
 * one file are one request: the first runs, the others are reported and skipped. A request to a model
 * that runs as jobs is recorded with its job id the moment the provider accepts it, so a re-run after a
 * kill re-attaches to that job instead of submitting (and paying for) it again.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Generate one request per line of FILE.jsonl: a JSON object with the fields prompt, model, "
                + "size, n, seed, negative_prompt, quality, background, output_format, output_compression, "
                + "moderation, user, images (files, relative to FILE), mask (a file) and options (provider settings).",
                "Results go to results.jsonl in the output directory, keyed by a hash of each request; re-running "
                        + "skips the requests already done, even when lines were added, edited or moved.",
                "A request to a model that runs as jobs is recorded with its job id as soon as it is submitted; "
                        + "re-running waits for that job again instead of submitting the request a second time.",
                "Exit 0 when every line succeeded, 1 when some failed, 2 when the file cannot be read "
                        + "or the output directory cannot be written."})
final class BatchCommand implements Callable<Integer> {
    static final String RESULTS = "results.jsonl";
    private static final String EXPECTED_LINE = "each line must be one JSON object such as {\"prompt\":\"a lighthouse\"}";
    /** Hex digits of the request hash in image file names: enough to tell a file's request at a glance. */
    private static final int HASH_IN_NAME = 12;
    private static final int BAR_WIDTH = 30;
    /** The members of a result line with the estimated and the actual cost in USD, {@code null} when unknown. */
    private static final String ESTIMATED_COST = "estimated_usd";
    private static final String COST = "cost_usd";

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "One JSON request per line.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Directory for images and results.jsonl (default: FILE's name without .jsonl, plus -out).")
    @Nullable Path output;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 2;

    @Option(names = "--max-cost", paramLabel = "USD", converter = GenerateCommand.UsdConverter.class,
            description = {"The most the whole batch may cost, runs before this one included: refused before anything "
                    + "is sent (exit 2) when the estimates of the lines to do exceed what remains, or cannot be made.",
                    "While it runs, each call's estimate is reserved first, so lines at once cannot overshoot it."})
    @Nullable BigDecimal maxCost;

    @Mixin
    ProviderOptions providerOptions;

    @Spec
    CommandSpec spec;

    private final Session session;

    BatchCommand(Session session) {
        this.session = session;
    }

    /**
     * One non-blank line of the input: its request as JSON and that request's hash, or why it is not a
     * request.
     */
    private record Line(int number, @Nullable JsonObject json, @Nullable String request, @Nullable String error) {
        static Line of(int number, byte[] bytes) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new Line(number, null, null, "not valid UTF-8");
            }
            JsonElement json;
            try {
                json = JsonParser.parseString(text);
            } catch (JsonParseException e) {
                // Gson's own message names its internals and links its troubleshooting page: not for this user.
                return new Line(number, null, null, "not valid JSON; " + EXPECTED_LINE);
            }
            if (!json.isJsonObject()) {
                return new Line(number, null, null, "not a JSON object; " + EXPECTED_LINE);
            }
            return new Line(number, json.getAsJsonObject(), Json.hash(json), null);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (concurrency < 1) {
            throw new Main.UsageException("--concurrency must be at least 1 but was " + concurrency);
        }
        List<Line> lines = readLines();
        OutputDirectory target = OutputDirectory.check(output != null ? output : defaultOutput());
        Path directory = target.path();
        Path results = directory.resolve(RESULTS);
        openResults(results);
        Map<String, String> jobs = awaitableJobs(results);
        Set<String> done = finishedRequests(results);
        Spool.removeAbandoned(directory);

        List<Line> pending = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        int skipped = 0;
        for (Line line : lines) {
            if (line.request() == null) {
                pending.add(line);
            } else if (firstLineOf.putIfAbsent(line.request(), line.number()) != null) {
                err.println("line " + line.number() + ": the same request as line " + firstLineOf.get(line.request())
                        + ", which is done once; skipped");
                skipped++;
            } else if (done.contains(line.request())) {
                skipped++;
            } else {
                pending.add(line);
            }
        }
        if (skipped > 0) {
            err.println("resuming: " + skipped + " line(s) already done in " + results);
        }
        ImageProvider provider = session.provider(providerOptions.provider, err, "makes the images");
        Path base = input.toAbsolutePath().getParent();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Total total = new Total();
        CostBudget budget = maxCost == null ? null : budgetLeft(maxCost, results);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try (StatusLine status = StatusLine.onStderr(err);
             Spool spool = Spool.in(directory);
             ImageGenerator generator = session.generator(provider, providerOptions, spool, false, limits -> {
                 if (budget != null) {
                     limits.budget(budget);
                 }
             })) {
            if (budget != null) {
                refuseOverBudget(generator, pending, base, budget);
            }
            List<Future<?>> tasks = new ArrayList<>();
            for (Line line : pending) {
                tasks.add(pool.submit(() -> {
                    JsonObject result = runLine(generator, line, directory, spool, base, results,
                            line.request() == null ? null : jobs.get(line.request()), err);
                    total.add(result);
                    append(results, result);
                    synchronized (status) {
                        if (!"ok".equals(result.get("status").getAsString())) {
                            failed.incrementAndGet();
                            status.clear();
                            err.println("line " + line.number() + ": " + result.get("error").getAsString());
                        }
                        status.show(bar(finished.incrementAndGet(), pending.size(), failed.get()));
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : e;
        } finally {
            pool.shutdownNow();
        }
        out.println((pending.size() - failed.get()) + " succeeded, " + failed.get() + " failed, " + skipped
                + " skipped; results in " + results);
        out.println("total cost " + total);
        return failed.get() == 0 ? Main.OK : Main.OTHER;
    }

    /** The non-blank lines of the input, each decoded on its own so that one bad line spoils no other. */
    private List<Line> readLines() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(input);
        } catch (NoSuchFileException e) {
            throw new Main.UsageException("cannot read " + input + ": no such file");
        } catch (IOException e) {
            throw new Main.UsageException("cannot read " + input + ": " + OutputDirectory.reason(e));
        }
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int number = 1; start < bytes.length; number++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            byte[] line = Arrays.copyOfRange(bytes, start, stop);
            if (!new String(line, StandardCharsets.ISO_8859_1).isBlank()) {
                lines.add(Line.of(number, line));
            }
            start = end + 1;
        }
        return lines;
    }

    private Path defaultOutput() {
        String name = input.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        Path parent = input.toAbsolutePath().getParent();
        return parent.resolve(stem + "-out");
    }

    /** The requests that results.jsonl records as done; a record cut short by a kill is ignored. */
    private static Set<String> finishedRequests(Path results) throws IOException {
        Set<String> done = new HashSet<>();
        for (JsonObject result : successes(results)) {
            done.add(result.get("request").getAsString());
        }
        return done;
    }

    /**
     * The jobs of requests not done that can still be awaited, by request: submitted, or failed in a way
     * that leaves the job going on. The last record of a request wins.
     */
    private static Map<String, String> awaitableJobs(Path results) throws IOException {
        Map<String, String> jobs = new HashMap<>();
        for (JsonObject result : records(results)) {
            String request = result.get("request").getAsString();
            String status = result.get("status").getAsString();
            if (!"ok".equals(status) && result.has("job") && ("submitted".equals(status)
                    || result.has("resumable") && result.get("resumable").getAsBoolean())) {
                jobs.put(request, result.get("job").getAsString());
            } else {
                jobs.remove(request);
            }
        }
        return jobs;
    }

    /** The records of results.jsonl that say "ok"; a record cut short by a kill is ignored. */
    private static List<JsonObject> successes(Path results) throws IOException {
        return records(results).stream().filter(result -> "ok".equals(result.get("status").getAsString())).toList();
    }

    /** Every complete record of results.jsonl, in order; a record cut short by a kill is ignored. */
    private static List<JsonObject> records(Path results) throws IOException {
        List<JsonObject> records = new ArrayList<>();
        // Decoded leniently: a kill can cut a record inside a character, and only that record may suffer.
        for (String line : new String(Files.readAllBytes(results), StandardCharsets.UTF_8).split("\n")) {
            try {
                JsonObject result = JsonParser.parseString(line).getAsJsonObject();
                if (result.get("request").isJsonPrimitive() && result.get("status").isJsonPrimitive()) {
                    records.add(result);
                }
            } catch (RuntimeException e) {
                // An unfinished record from an interrupted run: that request simply runs again.
            }
        }
        return records;
    }

    /**
     * The budget of this run: {@code maxCost} less what the runs before recorded in results.jsonl; a record
     * whose cost was unknown counts at its estimate.
     */
    private static CostBudget budgetLeft(BigDecimal maxCost, Path results) throws IOException {
        BigDecimal spent = BigDecimal.ZERO;
        for (JsonObject result : successes(results)) {
            JsonElement cost = result.has(COST) && !result.get(COST).isJsonNull() ? result.get(COST)
                    : result.get(ESTIMATED_COST);
            if (cost != null && cost.isJsonPrimitive() && cost.getAsJsonPrimitive().isNumber()) {
                spent = spent.add(cost.getAsBigDecimal());
            }
        }
        BigDecimal left = maxCost.subtract(spent);
        if (left.signum() < 0) {
            throw new BudgetExceededException("The runs before spent " + Cost.dollars(spent) + " of --max-cost "
                    + Cost.dollars(maxCost) + "; nothing was sent", ErrorDetails.none(), null, maxCost);
        }
        return CostBudget.of(left);
    }

    /**
     * Refuses the whole batch, before anything is sent, when the estimates of the lines to do add up to more
     * than {@code budget} holds, or one of them cannot be made. Lines that are not valid requests are left to
     * fail on their own: they send nothing.
     */
    private static void refuseOverBudget(ImageGenerator generator, List<Line> pending, Path base, CostBudget budget) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Line line : pending) {
            if (line.json() == null) {
                continue;
            }
            CostEstimate estimate;
            try {
                estimate = generator.estimate(request(generator, line, base));
            } catch (IllegalArgumentException | ImageGenerationException e) {
                continue;
            }
            if (estimate.usd() == null) {
                throw new BudgetExceededException("line " + line.number() + ": the cost of " + estimate.model()
                        + " cannot be estimated (" + String.join("; ", estimate.notes()) + "), so --max-cost "
                        + Cost.dollars(budget.limit()) + " cannot be kept; nothing was sent",
                        ErrorDetails.of(generator.providerId()), estimate, budget.limit());
            }
            sum = sum.add(estimate.usd());
        }
        if (sum.compareTo(budget.remaining()) > 0) {
            throw new BudgetExceededException("The estimated cost " + Cost.dollars(sum) + " of the " + pending.size()
                    + " line(s) to do exceeds --max-cost: " + Cost.dollars(budget.remaining()) + " remains; nothing was sent",
                    ErrorDetails.of(generator.providerId()), null, budget.remaining());
        }
    }

    private static ImageRequest request(ImageGenerator generator, Line line, Path base) {
        return BatchLine.request(Json.COMPACT.fromJson(line.json(), Json.OBJECT), generator.providerId(), base);
    }

    /** What the lines of this run cost together, as their results record it. */
    private static final class Total {
        private BigDecimal usd = BigDecimal.ZERO;
        private BigDecimal estimated = BigDecimal.ZERO;
        private int unknown;

        synchronized void add(JsonObject result) {
            JsonElement cost = result.get(COST);
            JsonElement estimate = result.get(ESTIMATED_COST);
            if (cost == null) {
                return;
            }
            if (cost.isJsonNull()) {
                unknown++;
            } else {
                usd = usd.add(cost.getAsBigDecimal());
            }
            if (estimate != null && !estimate.isJsonNull()) {
                estimated = estimated.add(estimate.getAsBigDecimal());
            }
        }

        /** {@code $0.0177 (estimated $0.0177)}, or {@code at least $0.01: 2 line(s) of unknown cost (...)}. */
        @Override
        public synchronized String toString() {
            return (unknown > 0 ? "at least " + Cost.dollars(usd) + ": " + unknown + " line(s) of unknown cost"
                    : Cost.dollars(usd)) + " (estimated " + Cost.dollars(estimated) + ")";
        }
    }

    private static JsonObject runLine(ImageGenerator generator, Line line, Path directory, Spool spool, Path base,
                                      Path results, @Nullable String recordedJob, PrintWriter err) {
        JsonObject result = new JsonObject();
        result.addProperty("request", line.request());
        result.addProperty("line", line.number());
        if (line.json() == null) {
            fail(result, Main.USAGE, line.error());
            return result;
        }
        String job = recordedJob;
        try {
            ImageRequest request = request(generator, line, base);
            CostEstimate estimate = generator.estimate(request);
            ImageResponse response;
            if (!generator.models().specFor(request.model()).jobs()) {
                response = generator.generate(request);
            } else {
                if (job == null) {
                    job = generator.submit(request).id();
                    JsonObject submitted = result.deepCopy();
                    submitted.addProperty("status", "submitted");
                    submitted.addProperty("job", job);
                    submitted.add(ESTIMATED_COST, Json.usd(estimate.usd()));
                    append(results, submitted);
                } else {
                    synchronized (err) {
                        err.println("line " + line.number() + ": waiting for job " + job + ", submitted by an earlier run");
                    }
                }
                response = generator.job(job).await();
                result.addProperty("job", job);
            }
            ImageFiles files = ImageFiles.inDirectory(directory, Console.slug(request.prompt()) + "-"
                    + line.request().substring(0, HASH_IN_NAME), true);
            JsonArray paths = new JsonArray();
            for (int i = 0; i < response.images().size(); i++) {
                paths.add(files.write(i, response.images().get(i), spool).toString());
            }
            result.addProperty("status", "ok");
            result.add("files", paths);
            result.addProperty("model", response.model());
            result.addProperty("request_id", response.requestId());
            if (response.usage() != null) {
                result.addProperty("total_tokens", response.usage().totalTokens());
            }
            result.add(ESTIMATED_COST, Json.usd(estimate.usd()));
            result.add(COST, Json.usd(response.cost().usd()));
        } catch (InvalidRequestException e) {
            // A batch line names its own fields, so its violations name the field, not the option.
            fail(result, Main.USAGE, e.violations().isEmpty() ? e.getMessage() : e.violations().stream()
                    .map(Console::describeField).collect(Collectors.joining("; ")));
        } catch (IllegalArgumentException e) {
            fail(result, Main.USAGE, e.getMessage());
        } catch (ImageGenerationException e) {
            fail(result, Main.exitCode(e), e.getMessage());
            if (job != null) {
                result.addProperty("job", job);
                // A job that goes on (a timeout, a lost poll) is awaited again by the next run, not paid for again.
                result.addProperty("resumable", e instanceof GenerationTimeoutException
                        || e instanceof GenerationCancelledException || e.isRetryable());
            }
        } catch (IOException e) {
            fail(result, Main.exitCode(e), e.getMessage());
        }
        return result;
    }

    private static void fail(JsonObject result, int exitCode, String message) {
        result.addProperty("status", "error");
        result.addProperty("exit_code", exitCode);
        result.addProperty("error", message);
    }

    /**
     * Checks, before anything is generated, that results.jsonl can be written, creating it and the
     * output directory; and ends a record that an interrupted run cut short with a line break, so that
     * the next record starts on a line of its own instead of being glued to the torn one and lost with it.
     */
    private static void openResults(Path results) {
        try {
            Files.createDirectories(results.getParent());
            try (FileChannel channel = FileChannel.open(results, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                if (channel.size() == 0) {
                    return;
                }
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, channel.size() - 1);
                if (last.get(0) != '\n') {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}), channel.size());
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw new Main.UsageException("cannot write to " + results + ": " + OutputDirectory.reason(e));
        }
    }

    private static synchronized void append(Path results, JsonObject result) {
        // One write per record, so an interruption can only cut the last line short.
        try {
            Files.writeString(results, Json.COMPACT.toJson(result) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write to " + results + ": "
                    + OutputDirectory.reason(e), e));
        }
    }

    /** {@code [#####-----] 5/10 (1 failed)}. */
    private static String bar(int finished, int total, int failed) {
        int filled = finished * BAR_WIDTH / total;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + finished + "/" + total
                + (failed > 0 ? " (" + failed + " failed)" : "");
    }
}
