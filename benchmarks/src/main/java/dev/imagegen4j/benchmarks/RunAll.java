package dev.imagegen4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every figure of BENCHMARKS.md in one run, printed as Markdown: the stub server in its own JVM, the
 * clients' JMH benchmarks against it (small and big responses), Stability's binary path and core's
 * fan-out against it, the streamed response in a fresh JVM, the heap bisection over fresh JVMs, the mock
 * provider's benchmark and the CLI's cold start; then the goals of issue 19, each met or not. {@code benchmarks/run.sh} builds and calls it:
 * {@code java -cp benchmarks.jar dev.imagegen4j.benchmarks.RunAll --cli <imagegen.jar> [--out <dir>] [--quick]}.
 * {@code --quick} shortens every measurement to check that it all works; its figures mean nothing.
 */
public final class RunAll {
    private static final int HEAP_LOW_MB = 8;
    private static final int HEAP_HIGH_MB = 512;
    private static final int HEAP_PRECISION_MB = 2;
    private static final long TRIAL_TIMEOUT_SECONDS = 180;
    private static final int CLI_WARMUP_RUNS = 3;
    private static final int CLI_RUNS = 20;

    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");
    private final Path out;
    private final boolean quick;
    private int heldOnlyMb;
    /** Stability's binary path and its floor: median ms per image. */
    private final Map<String, Double> stability = new HashMap<>();
    /** The fan-out's median ms per generation, by concurrency. */
    private final Map<Integer, Double> fanOut = new HashMap<>();
    /** The streamed response, by client: median ms to the first partial image, and of the whole stream. */
    private final Map<String, double[]> streams = new HashMap<>();

    private RunAll(Path out, boolean quick) {
        this.out = out;
        this.quick = quick;
    }

    /** What JMH measured for one client. */
    private static final class ClientFigures {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double throughput = Double.NaN;
        double bigMillis = Double.NaN;
        double bigError = Double.NaN;
        int heapMb = -1;   // -1: not even at HEAP_HIGH_MB
    }

    public static void main(String[] args) throws Exception {
        Path cli = null;
        Path out = Path.of("benchmarks", "target", "results");
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cli" -> cli = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("usage: RunAll --cli <imagegen.jar> [--out <dir>] [--quick]");
            }
        }
        if (cli == null || !Files.isRegularFile(cli)) {
            throw new IllegalArgumentException("--cli must name the CLI jar (cli-demo/target/imagegen.jar)");
        }
        Files.createDirectories(out);
        new RunAll(out, quick).run(cli);
    }

    private void run(Path cli) throws Exception {
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        Process stub = startStub();
        Map<String, ClientFigures> clients;
        try {
            String url = readUrl(stub);
            log("stub at " + url);
            clients = clientBenchmarks(url);
            providerBenchmarks(url);
            streamTimes(url);
            for (String name : BenchClient.NAMES) {
                clients.get(name).heapMb = smallestHeap(name, url);
            }
            heldOnlyMb = smallestHeap(BenchClient.GPTPROTO_MEMORY, url);
        } finally {
            stub.getOutputStream().close();   // the stub serves until its standard input ends
            if (!stub.waitFor(10, TimeUnit.SECONDS)) {
                stub.destroy();
            }
        }
        Map<String, Double> mock = mockBenchmark();
        double[] cold = coldStart(cli);
        String loadAfter = loadAverage();
        String report = report(clients, mock, cold, cli, loadBefore, loadAfter,
                (System.nanoTime() - started) / 60e9);
        Files.writeString(out.resolve("results.md"), report);
        System.out.println();
        System.out.println(report);
    }

    // ---- the stub ---------------------------------------------------------------------------

    private Process startStub() throws IOException {
        return new ProcessBuilder(javaBin, "-Dsun.net.httpserver.nodelay=true", "-Xmx256m", "-cp", classPath,
                StubServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String readUrl(Process stub) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (line == null || !line.startsWith("listening ")) {
            throw new IOException("the stub server did not start: " + line);
        }
        return line.split(" ")[1];
    }

    // ---- JMH ----------------------------------------------------------------------------------

    private ChainedOptionsBuilder jmh(String include, String name) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include)
                .output(out.resolve("jmh-" + name + ".txt").toString())
                .result(out.resolve("jmh-" + name + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(1).measurementTime(TimeValue.seconds(1)).forks(1);
        }
        return options;
    }

    private Map<String, ClientFigures> clientBenchmarks(String url) throws RunnerException {
        log("JMH: the clients (progress in " + out.resolve("jmh-clients.txt") + ")");
        // Replaces the class's jvmArgsAppend, so the heap is repeated here.
        Collection<RunResult> results = new Runner(jmh(ClientBenchmark.class.getName() + "\\.", "clients")
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-D" + ClientBenchmark.URL_PROPERTY + "=" + url)
                .build()).run();
        Map<String, ClientFigures> figures = new HashMap<>();
        BenchClient.NAMES.forEach(name -> figures.put(name, new ClientFigures()));
        for (RunResult result : results) {
            ClientFigures f = figures.get(result.getParams().getParam("client"));
            String method = result.getParams().getBenchmark();
            var primary = result.getPrimaryResult();
            if (method.endsWith(".small")) {
                f.p50 = primary.getStatistics().getPercentile(50);
                f.p99 = primary.getStatistics().getPercentile(99);
            } else if (method.endsWith(".smallThroughput")) {
                f.throughput = median(result);
            } else if (method.endsWith(".big")) {
                f.bigMillis = median(result);
                f.bigError = primary.getScoreError();
            }
        }
        return figures;
    }

    /** Stability's binary path against its floor, and core's fan-out against a slow stub. */
    private void providerBenchmarks(String url) throws RunnerException {
        log("JMH: Stability's binary path and the fan-out (progress in " + out.resolve("jmh-providers.txt") + ")");
        Collection<RunResult> results = new Runner(jmh("(" + StabilityBenchmark.class.getName() + "|"
                + FanOutBenchmark.class.getName() + ")\\.", "providers")
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-D" + ClientBenchmark.URL_PROPERTY + "=" + url)
                .build()).run();
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().startsWith(StabilityBenchmark.class.getName())) {
                stability.put(result.getParams().getParam("client"), median(result));
            } else {
                fanOut.put(Integer.parseInt(result.getParams().getParam("concurrency")), median(result));
            }
        }
    }

    /** The streamed response through both clients, in a fresh JVM as the JMH forks are. */
    private void streamTimes(String url) throws IOException, InterruptedException {
        log("streams: " + StreamTimes.NAMES);
        Process process = new ProcessBuilder(javaBin, "-Xms1g", "-Xmx1g", "-cp", classPath,
                StreamTimes.class.getName(), url, quick ? "2" : "30", quick ? "3" : "60")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("StreamTimes failed: " + output);
        }
        Files.writeString(out.resolve("streams.txt"), output);
        output.lines().filter(line -> line.startsWith("stream ")).forEach(line -> {
            String[] fields = line.split(" ");
            streams.put(fields[1], new double[] {Double.parseDouble(fields[2]), Double.parseDouble(fields[3])});
        });
    }

    /**
     * The median of the measured iterations of all forks (JMH's score is their mean, which one
     * disturbed iteration on a shared machine pulls far off).
     */
    private static double median(RunResult result) {
        List<Double> scores = new ArrayList<>();
        result.getBenchmarkResults().forEach(benchmark -> benchmark.getIterationResults()
                .forEach(iteration -> scores.add(iteration.getPrimaryResult().getScore())));
        return StreamTimes.median(scores);
    }

    private Map<String, Double> mockBenchmark() throws RunnerException {
        log("JMH: the mock provider (progress in " + out.resolve("jmh-mock.txt") + ")");
        Map<String, Double> figures = new HashMap<>();
        for (RunResult result : new Runner(jmh(MockImageBenchmark.class.getName() + "\\.", "mock").build()).run()) {
            figures.put(result.getParams().getParam("size") + " " + result.getParams().getParam("format"),
                    result.getPrimaryResult().getScore());
        }
        return figures;
    }

    // ---- the heap bisection -------------------------------------------------------------------

    /** The smallest -Xmx in MB (to {@value #HEAP_PRECISION_MB} MB) at which one big response succeeds. */
    private int smallestHeap(String client, String url) throws IOException, InterruptedException {
        log("heap bisection: " + client);
        if (!succeeds(client, url, HEAP_HIGH_MB)) {
            return -1;
        }
        if (succeeds(client, url, HEAP_LOW_MB)) {
            return HEAP_LOW_MB;
        }
        int failing = HEAP_LOW_MB;
        int passing = HEAP_HIGH_MB;
        while (passing - failing > HEAP_PRECISION_MB) {
            int middle = (failing + passing) / 2;
            if (succeeds(client, url, middle)) {
                passing = middle;
            } else {
                failing = middle;
            }
        }
        return passing;
    }

    private boolean succeeds(String client, String url, int heapMb) throws IOException, InterruptedException {
        // A trial that fails mid-response may leave its files behind: each gets a directory, deleted after.
        Path temporary = Files.createTempDirectory("imagegen4j-bench-trial-");
        Process trial = new ProcessBuilder(javaBin, "-Xmx" + heapMb + "m", "-Djava.io.tmpdir=" + temporary,
                "-cp", classPath, BigOnce.class.getName(), client, url)
                .redirectErrorStream(true).redirectOutput(temporary.resolve("output.txt").toFile()).start();
        trial.getOutputStream().close();
        boolean done = trial.waitFor(TRIAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            trial.destroyForcibly().waitFor();
        }
        String text = done ? Files.readString(temporary.resolve("output.txt")).strip() : "timed out";
        BenchClient.deleteTree(temporary);
        boolean ok = done && trial.exitValue() == 0;
        log(String.format(Locale.ROOT, "  -Xmx%dm: %s", heapMb, ok ? "ok" : "fails (" + lastLine(text) + ")"));
        return ok;
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        String last = lines[lines.length - 1];
        return last.length() > 120 ? last.substring(0, 120) + "..." : last;
    }

    // ---- the CLI's cold start -----------------------------------------------------------------

    /** Median, minimum and maximum in ms of {@code java -jar imagegen.jar --help} in fresh JVMs. */
    private double[] coldStart(Path cli) throws IOException, InterruptedException {
        log("cold start: java -jar " + cli + " --help");
        int runs = quick ? 3 : CLI_RUNS;
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < CLI_WARMUP_RUNS + runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(javaBin, "-jar", cli.toString(), "--help")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (process.waitFor() != 0) {
                throw new IOException("imagegen --help exited with " + process.exitValue());
            }
            if (i >= CLI_WARMUP_RUNS) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        times.sort(null);
        double median = times.size() % 2 == 1 ? times.get(times.size() / 2)
                : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
        return new double[] {median, times.get(0), times.get(times.size() - 1), runs};
    }

    // ---- the report ---------------------------------------------------------------------------

    private String report(Map<String, ClientFigures> clients, Map<String, Double> mock, double[] cold, Path cli,
                          String loadBefore, String loadAfter, double minutes) {
        ClientFigures sdk = clients.get("sdk");
        ClientFigures floorFile = clients.get("floor-file");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run of %s: %.1f min; load average %s before, %s after%s.%n%n",
                LocalDateTime.now().withNano(0), minutes, loadBefore, loadAfter,
                quick ? "; **--quick: figures not meaningful**" : ""));
        md.append("| client → sink | small p50 µs | small p99 µs | p50 × SDK | 8 threads req/s (median) | × SDK "
                + "| big response ms (median) | × SDK | × floor-file | smallest -Xmx for big |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String name : BenchClient.NAMES) {
            ClientFigures f = clients.get(name);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× | %,.0f | %.2f× | %.0f ± %.0f | %.2f× | %.2f× | %s |%n",
                    label(name), f.p50, f.p99, f.p50 / sdk.p50, f.throughput, f.throughput / sdk.throughput,
                    f.bigMillis, f.bigError, f.bigMillis / sdk.bigMillis, f.bigMillis / floorFile.bigMillis,
                    f.heapMb < 0 ? "> " + HEAP_HIGH_MB + " MB" : f.heapMb == HEAP_LOW_MB ? "≤ " + HEAP_LOW_MB + " MB"
                            : f.heapMb + " MB"));
        }
        ClientFigures bytes = clients.get("gptproto-bytes");
        ClientFigures file = clients.get("gptproto-file");
        md.append("\n| goal of issue 19 (gptproto provider unless named) | measured in this run | met |\n|---|---|---|\n");
        target(md, "big response → byte[] ≤ 0.6× the SDK's time", String.format(Locale.ROOT, "%.2f× (%.0f ms against %.0f)",
                bytes.bigMillis / sdk.bigMillis, bytes.bigMillis, sdk.bigMillis), bytes.bigMillis / sdk.bigMillis <= 0.6);
        target(md, "big response → files ≤ 1.2× the floor's", String.format(Locale.ROOT, "%.2f× (%.0f ms against %.0f)",
                file.bigMillis / floorFile.bigMillis, file.bigMillis, floorFile.bigMillis),
                file.bigMillis / floorFile.bigMillis <= 1.2);
        target(md, "smallest heap for the big body → byte[] ≤ 40 MB", heap(bytes.heapMb)
                + " (" + heap(heldOnlyMb) + " holding the response without the copies of bytes())",
                bytes.heapMb > 0 && bytes.heapMb <= 40);
        target(md, "smallest heap for the big body → files ≤ 16 MB", heap(file.heapMb), file.heapMb > 0 && file.heapMb <= 16);
        target(md, "8-thread small-request throughput ≥ 1.8× the SDK's", String.format(Locale.ROOT,
                "%.2f× (%,.0f req/s against %,.0f)", bytes.throughput / sdk.throughput, bytes.throughput, sdk.throughput),
                bytes.throughput / sdk.throughput >= 1.8);
        double[] ours = streams.getOrDefault("gptproto-stream", new double[] {Double.NaN, Double.NaN});
        double[] theirs = streams.getOrDefault("sdk-stream", new double[] {Double.NaN, Double.NaN});
        target(md, "stream: first byte of a partial image's event → listener holding it decoded, ≤ the SDK's",
                String.format(Locale.ROOT, "%.1f ms against %.1f (%.2f×)", ours[0], theirs[0], ours[0] / theirs[0]),
                ours[0] <= theirs[0]);
        target(md, "stream of 3 partial images and the completed one, total ≤ the SDK's",
                String.format(Locale.ROOT, "%.1f ms against %.1f (%.2f×)", ours[1], theirs[1], ours[1] / theirs[1]),
                ours[1] <= theirs[1]);
        double stable = stability.getOrDefault("stability-file", Double.NaN);
        double stableFloor = stability.getOrDefault("floor-file", Double.NaN);
        target(md, "Stability's binary path → file ≤ 1.1× the floor's", String.format(Locale.ROOT,
                "%.2f× (%.1f ms against %.1f)", stable / stableFloor, stable, stableFloor), stable / stableFloor <= 1.1);
        for (int concurrency : new int[] {1, 4, 8}) {
            double took = fanOut.getOrDefault(concurrency, Double.NaN);
            double ideal = FanOutBenchmark.ideal(concurrency);
            target(md, String.format(Locale.ROOT, "fan-out n=%d, %d at a time, 200 ms per call: ≤ 1.2 × %.0f ms",
                    FanOutBenchmark.IMAGES, concurrency, ideal), String.format(Locale.ROOT, "%.0f ms (%.2f×)", took,
                    took / ideal), took <= 1.2 * ideal);
        }

        md.append("\n| mock provider, images/s | png | jpeg | webp |\n|---|---:|---:|---:|\n");
        for (String size : List.of("1024x1024", "3840x2160")) {
            md.append("| ").append(size);
            for (String format : List.of("png", "jpeg", "webp")) {
                Double score = mock.get(size + " " + format);
                md.append(String.format(Locale.ROOT, " | %.1f", score == null ? Double.NaN : score));
            }
            md.append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%n| CLI cold start | median ms | min ms | max ms | runs |%n"
                        + "|---|---:|---:|---:|---:|%n| `java -jar %s --help` | %.0f | %.0f | %.0f | %.0f |%n",
                cli.getFileName(), cold[0], cold[1], cold[2], cold[3]));
        return md.toString();
    }

    private static String label(String name) {
        return switch (name) {
            case "gptproto-bytes" -> "gptproto → byte[]";
            case "gptproto-file" -> "gptproto → files";
            case "sdk" -> "openai-java SDK → byte[]";
            case "floor-file" -> "floor (HttpClient 5) → files";
            case "floor-bytes" -> "floor (HttpClient 5) → byte[]";
            default -> name;
        };
    }

    private static String heap(int mb) {
        return mb < 0 ? "> " + HEAP_HIGH_MB + " MB" : mb + " MB";
    }

    private static void target(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String message) {
        System.out.println("[run] " + message);
        System.out.flush();
    }
}
