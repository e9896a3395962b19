package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
    private static final String LINE_1 = "{\"prompt\":\"a\",\"n\":2}";
    private static final String LINE_2 = "{\"prompt\":\"b\",\"size\":\"1536x1024\",\"output_format\":\"jpeg\"}";
    private static final String BAD_SIZE = "{\"prompt\":\"c\",\"size\":\"999x999\"}";
    private static final String NOT_JSON = "make me a picture of a dog";
    private static final String SIZE_ERROR = "size: size 999x999 is not accepted by model gpt-image-1; use one of "
            + "auto, 1024x1024, 1536x1024, 1024x1536 [size.one_of]";
    private static final String JSON_ERROR = "not valid JSON; each line must be one JSON object such as "
            + "{\"prompt\":\"a lighthouse\"}";

    @TempDir
    Path dir;

    private Path out;
    private Path results;

    private Path input(String... lines) throws IOException {
        out = dir.resolve("out");
        results = out.resolve("results.jsonl");
        return Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Image {@code n} of the request on {@code line}: its prompt's slug, its hash's first 12 digits, n. */
    private Path image(String line, String slug, int n, String extension) {
        return out.resolve(slug + "-" + Json.hash(JsonParser.parseString(line)).substring(0, 12) + "-" + n + "."
                + extension);
    }

    private Path png(String line, String slug) {
        return image(line, slug, 1, "png");
    }

    private static String prompt(String prompt) {
        return "{\"prompt\":\"" + prompt + "\"}";
    }

    private Cli.Result batch(Path input, String... more) {
        return batch(env(), input, more);
    }

    private Cli.Result batch(Map<String, String> environment, Path input, String... more) {
        List<String> args = new ArrayList<>(List.of("batch", input.toString(), "-o", out.toString()));
        args.addAll(List.of(more));
        return run(environment, args.toArray(String[]::new));
    }

    @Test
    void recordsEveryLineAndReportsTheBadOnesByLineNumberAndRule() throws IOException {
        Path input = input(LINE_1, LINE_2, BAD_SIZE, NOT_JSON);

        Cli.Result result = batch(input);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).containsExactly("2 succeeded, 2 failed, 0 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(result.errLines()).contains("line 3: " + SIZE_ERROR, "line 4: " + JSON_ERROR);
        Map<Integer, JsonObject> records = recordsByLine();
        assertThat(records).containsOnlyKeys(1, 2, 3, 4);
        assertThat(records.get(1).get("status").getAsString()).isEqualTo("ok");
        assertThat(files(records.get(1))).containsExactly(image(LINE_1, "a", 1, "png"), image(LINE_1, "a", 2, "png"));
        assertThat(records.get(1).get("request").getAsString()).isEqualTo(Json.hash(JsonParser.parseString(LINE_1)));
        for (Path file : files(records.get(1))) {
            assertThat(GeneratedImage.ofFile(file).format()).isEqualTo(ImageFormat.PNG);
        }
        assertThat(records.get(2).get("status").getAsString()).isEqualTo("ok");
        assertThat(files(records.get(2))).containsExactly(image(LINE_2, "b", 1, "jpg"));
        GeneratedImage jpeg = GeneratedImage.ofFile(image(LINE_2, "b", 1, "jpg"));
        assertThat(jpeg.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(jpeg.size().text()).isEqualTo("1536x1024");
        assertThat(records.get(3).get("status").getAsString()).isEqualTo("error");
        assertThat(records.get(3).get("error").getAsString()).isEqualTo(SIZE_ERROR);
        assertThat(records.get(3).get("exit_code").getAsInt()).isEqualTo(2);
        assertThat(records.get(4).get("status").getAsString()).isEqualTo("error");
        assertThat(records.get(4).get("error").getAsString()).isEqualTo(JSON_ERROR);
    }

    @Test
    void skipsTheLinesAlreadyDoneAndRetriesOnlyTheFailedOnes() throws IOException {
        Path input = input(LINE_1, LINE_2, BAD_SIZE, NOT_JSON);
        batch(input);
        Map<Path, FileTime> written = modificationTimes(image(LINE_1, "a", 1, "png"), image(LINE_1, "a", 2, "png"),
                image(LINE_2, "b", 1, "jpg"));

        Cli.Result again = batch(input);

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.outLines()).containsExactly("0 succeeded, 2 failed, 2 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(again.errLines()).contains("resuming: 2 line(s) already done in " + results,
                "line 3: " + SIZE_ERROR, "line 4: " + JSON_ERROR);
        assertThat(modificationTimes(written.keySet().toArray(Path[]::new))).isEqualTo(written);
        assertThat(statusesOfLine(1)).containsExactly("ok");
        assertThat(statusesOfLine(2)).containsExactly("ok");
        assertThat(statusesOfLine(3)).containsExactly("error", "error");
        assertThat(statusesOfLine(4)).containsExactly("error", "error");
    }

    @Test
    void succeedsOnceTheBadLinesAreFixed() throws IOException {
        Path input = input(LINE_1, LINE_2, BAD_SIZE, NOT_JSON);
        batch(input);
        String fixedSize = "{\"prompt\":\"c\",\"size\":\"1024x1536\"}";
        String fixedJson = "{\"prompt\":\"d\",\"quality\":\"low\"}";
        input(LINE_1, LINE_2, fixedSize, fixedJson);

        Cli.Result fixed = batch(input);

        assertThat(fixed.exitCode()).isZero();
        assertThat(fixed.outLines()).containsExactly("2 succeeded, 0 failed, 2 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(statusesOfLine(3)).containsExactly("error", "ok");
        assertThat(statusesOfLine(4)).containsExactly("error", "ok");
        assertThat(png(fixedSize, "c")).isRegularFile();
        assertThat(png(fixedJson, "d")).isRegularFile();
    }

    @Test
    void retriesALineThatTheProviderRefused() throws IOException {
        Path input = input(LINE_1, LINE_2);
        Cli.Result limited = batch(env("MOCK_FAULT", "rate_limit", "MOCK_FAULT_COUNT", "1"), input,
                "--concurrency", "1");

        Cli.Result retried = batch(input);

        assertThat(limited.exitCode()).isEqualTo(1);
        assertThat(limited.outLines()).containsExactly("1 succeeded, 1 failed, 0 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(records().get(0).get("line").getAsInt()).isEqualTo(1);
        assertThat(records().get(0).get("exit_code").getAsInt()).isEqualTo(4);
        assertThat(retried.exitCode()).isZero();
        assertThat(retried.outLines()).containsExactly("1 succeeded, 0 failed, 1 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(statusesOfLine(1)).containsExactly("error", "ok");
        assertThat(statusesOfLine(2)).containsExactly("ok");
    }

    @Test
    void toleratesARecordCutShortByAKill() throws IOException {
        Path input = input(LINE_1, LINE_2, "{\"prompt\":\"e\"}");
        batch(input);
        Map<Integer, JsonObject> records = recordsByLine();
        String cutShort = records.get(2).toString();
        Files.writeString(results, records.get(1) + "\n" + records.get(3) + "\n"
                + cutShort.substring(0, cutShort.length() / 2), StandardCharsets.UTF_8);

        Cli.Result resumed = batch(input);
        Cli.Result again = batch(input);

        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.outLines()).containsExactly("1 succeeded, 0 failed, 2 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(again.exitCode()).isZero();
        assertThat(again.outLines()).containsExactly("0 succeeded, 0 failed, 3 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(statusesOfLine(1)).containsExactly("ok");
        assertThat(statusesOfLine(2)).containsExactly("ok");
        assertThat(statusesOfLine(3)).containsExactly("ok");
    }

    @Test
    void deletesTheSpoolThatAKilledRunLeftBehind() throws IOException {
        Path input = input(LINE_1);
        Path dead = Files.createDirectories(out.resolve(".imagegen-spool-999999999-6a0c2b8e-1f1d-4c55-9a8e-3b7f0d2c9e11"));
        Files.writeString(dead.resolve("image-1.part"), "half an image");

        Cli.Result result = batch(input);

        assertThat(result.exitCode()).isZero();
        assertThat(dead).doesNotExist();
        assertThat(SubprocessTest.tree(out)).containsExactlyInAnyOrder(results, image(LINE_1, "a", 1, "png"),
                image(LINE_1, "a", 2, "png"));
    }

    // ---- resume keyed by the request, whatever happens to the file between runs ----

    @Test
    void runsOnlyTheNewLineWhenOneIsInsertedAtTheTop() throws IOException {
        Path input = input(prompt("a"), prompt("b"));
        batch(input, "--concurrency", "1");
        Map<Path, FileTime> written = modificationTimes(png(prompt("a"), "a"), png(prompt("b"), "b"));
        input(prompt("new"), prompt("a"), prompt("b"));

        Cli.Result resumed = batch(input);

        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.outLines()).containsExactly("1 succeeded, 0 failed, 2 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(modificationTimes(written.keySet().toArray(Path[]::new))).isEqualTo(written);
        assertThat(png(prompt("new"), "new")).isRegularFile();
        assertThat(records()).extracting(record -> record.get("line").getAsInt() + " "
                + record.get("request").getAsString()).containsExactly(
                "1 " + Json.hash(JsonParser.parseString(prompt("a"))),
                "2 " + Json.hash(JsonParser.parseString(prompt("b"))),
                "1 " + Json.hash(JsonParser.parseString(prompt("new"))));
    }

    @Test
    void runsAnEditedLineAgainAndNothingWhenLinesAreOnlyReordered() throws IOException {
        Path input = input(prompt("a"), prompt("b"));
        batch(input);
        input(prompt("b"), prompt("a edited"));

        Cli.Result edited = batch(input);
        input(prompt("a edited"), prompt("b"), prompt("a"));
        Cli.Result reordered = batch(input);
        input(prompt("a edited"), prompt("b"), prompt("a"), prompt("c"));
        Cli.Result extended = batch(input);

        assertThat(edited.outLines()).containsExactly("1 succeeded, 0 failed, 1 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(reordered.outLines()).containsExactly("0 succeeded, 0 failed, 3 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(extended.outLines()).containsExactly("1 succeeded, 0 failed, 3 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(records()).hasSize(4).allSatisfy(record -> assertThat(record.get("status").getAsString())
                .isEqualTo("ok"));
    }

    @Test
    void doesTheSameRequestOnceHoweverItIsSpelled() throws IOException {
        String spelledAgain = "{ \"n\" : 2.0, \"user\": null, \"prompt\": \"a\" }";
        Path input = input(LINE_1, prompt("b"), spelledAgain);

        Cli.Result result = batch(input);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("2 succeeded, 0 failed, 1 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(result.errLines()).contains("line 3: the same request as line 1, which is done once; skipped");
        assertThat(records()).hasSize(2);
        assertThat(Json.hash(JsonParser.parseString(spelledAgain))).isEqualTo(Json.hash(JsonParser.parseString(LINE_1)))
                .isEqualTo("7bdabf8a3b4fdf89bcfda42a02916d2ba63105ce202d5a97b4936f71b042d901");
    }

    @Test
    void failsANonUtf8LineAloneAndRunsTheOthers() throws IOException {
        input(prompt("a"));
        byte[] bad = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        Path input = dir.resolve("mixed.jsonl");
        try (var file = Files.newOutputStream(input)) {
            file.write((prompt("a") + "\n").getBytes(StandardCharsets.UTF_8));
            file.write(bad);
            file.write(("\r\n" + prompt("caf\u00e9") + "\n").getBytes(StandardCharsets.UTF_8));
        }

        Cli.Result result = batch(input);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).containsExactly("2 succeeded, 1 failed, 0 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
        assertThat(result.errLines()).contains("line 2: not valid UTF-8");
        assertThat(statusesOfLine(1)).containsExactly("ok");
        assertThat(statusesOfLine(2)).containsExactly("error");
        assertThat(statusesOfLine(3)).containsExactly("ok");
        assertThat(png(prompt("caf\u00e9"), "cafe")).isRegularFile();
    }

    @Test
    void skipsBlankLinesAndWritesNextToTheInputByDefault() throws IOException {
        Path input = Files.writeString(dir.resolve("jobs.jsonl"), LINE_2 + "\n\n   \n" + "{\"prompt\":\"z\"}\n");
        Path defaultOut = dir.resolve("jobs-out");

        Cli.Result result = run("batch", input.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("2 succeeded, 0 failed, 0 skipped; results in "
                + defaultOut.resolve("results.jsonl"), "total cost $0.00 (estimated $0.00)");
        out = defaultOut;
        assertThat(image(LINE_2, "b", 1, "jpg")).isRegularFile();
        assertThat(png(prompt("z"), "z")).isRegularFile();
    }

    @Test
    void rejectsAConcurrencyBelowOne() throws IOException {
        Path input = input(LINE_1);

        Cli.Result result = batch(input, "--concurrency", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: --concurrency must be at least 1 but was 0");
        assertThat(out).doesNotExist();
    }

    @Test
    void rejectsAnInputFileThatDoesNotExist() {
        Path missing = dir.resolve("missing.jsonl");

        Cli.Result result = run("batch", missing.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: cannot read " + missing + ": no such file");
    }

    @Test
    void resumesAfterTheProcessIsKilledWithoutRedoingFinishedLines() throws Exception {
        String[] lines = IntStream.rangeClosed(1, 8).mapToObj(i -> "{\"prompt\":\"picture " + i + "\"}")
                .toArray(String[]::new);
        Path input = input(lines);
        int doneBeforeKill;
        try (Cli.Subprocess killed = Cli.Subprocess.start(dir, env("MOCK_LATENCY", "300ms"),
                Cli.mainCommand("batch", input.toString(), "-o", out.toString(), "--concurrency", "1"))) {
            awaitFirstRecord(killed);
            // Each line takes at least 300 ms, so at least 2 s of work remain when the first record is written.
            assertThat(killed.process().isAlive()).as("still running after its first record").isTrue();
            killed.process().destroyForcibly();
            assertThat(killed.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            doneBeforeKill = recordsByLine().size();
        }

        Cli.Result resumed = batch(input);

        assertThat(doneBeforeKill).isBetween(1, 7);
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.outLines()).containsExactly((8 - doneBeforeKill) + " succeeded, 0 failed, " + doneBeforeKill
                + " skipped; results in " + results, "total cost $0.00 (estimated $0.00)");
        for (int line = 1; line <= 8; line++) {
            assertThat(statusesOfLine(line)).as("line %d", line).containsExactly("ok");
            assertThat(png(lines[line - 1], "picture-" + line)).isRegularFile();
        }
        assertThat(SubprocessTest.tree(out)).map(file -> file.getFileName().toString())
                .noneMatch(name -> name.endsWith(".part") || name.startsWith(".imagegen-spool-"));
    }

    /**
     * A gptproto batch killed (SIGKILL) while an image is half downloaded into its spool: the resumed run
     * skips the line already done, removes the dead run's spool, and finishes the rest, leaving no
     * {@code .part} file or spool behind.
     */
    @Test
    void resumesAGptProtoBatchKilledMidDownloadAndRemovesItsSpool() throws Exception {
        Path input = input("{\"prompt\":\"one\"}", "{\"prompt\":\"two\"}", "{\"prompt\":\"three\"}");
        WireStub.Response image = WireStub.Response.json(200, WireStub.largeImageJson());
        try (WireStub stub = new WireStub(image, image.stalledInHalf(), image)) {
            Map<String, String> environment = env("GPTPROTO_API_KEY", "test-key-batch", "GPTPROTO_BASE_URL",
                    stub.baseUrl(), "GPTPROTO_MAX_RETRIES", "0", "GPTPROTO_RESPONSE_TIMEOUT", "60s");
            Path spooled;
            try (Cli.Subprocess killed = Cli.Subprocess.start(dir, environment,
                    Cli.mainCommand("batch", input.toString(), "-o", out.toString(), "--concurrency", "1"))) {
                assertThat(stub.awaitStall(Duration.ofSeconds(30))).as("line 2 is half downloaded").isTrue();
                spooled = awaitSpooledBytes(killed);
                killed.process().destroyForcibly();
                assertThat(killed.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            assertThat(statusesOfLine(1)).containsExactly("ok");
            assertThat(spooled).isRegularFile();

            Cli.Result resumed = batch(environment, input);

            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            // The stub reports no usage, so gptproto's token-billed model has an unknown cost, never $0.
            assertThat(resumed.outLines()).containsExactly("2 succeeded, 0 failed, 1 skipped; results in " + results,
                "total cost at least $0.00: 2 line(s) of unknown cost (estimated $0.499215)");
            assertThat(stub.requests()).isEqualTo(4);
        }
        assertThat(SubprocessTest.tree(out)).containsExactlyInAnyOrder(results, png(prompt("one"), "one"),
                png(prompt("two"), "two"), png(prompt("three"), "three"));
        for (int line = 1; line <= 3; line++) {
            assertThat(statusesOfLine(line)).as("line %d", line).containsExactly("ok");
        }
    }

    /** Waits, bounded, until the batch's spool holds some decoded bytes; the spooled file. */
    private Path awaitSpooledBytes(Cli.Subprocess process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Path path : Files.exists(out) ? SubprocessTest.tree(out) : List.<Path>of()) {
                if (path.getParent().getFileName().toString().startsWith(".imagegen-spool-")
                        && Files.isRegularFile(path) && Files.size(path) > 0) {
                    return path;
                }
            }
            if (!process.process().isAlive()) {
                fail("the batch ended before spooling; stdout: " + process.out() + " stderr: " + process.err());
            }
            Thread.sleep(10);
        }
        return fail("nothing spooled within 30 s; stderr: " + process.err());
    }

    private void awaitFirstRecord(Cli.Subprocess process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(results) && Files.readString(results, StandardCharsets.UTF_8).contains("\n")) {
                return;
            }
            if (!process.process().isAlive()) {
                fail("the batch ended before writing a record; stdout: " + process.out() + " stderr: " + process.err());
            }
            Thread.sleep(10);
        }
        fail("no record in " + results + " within 30 s; stderr: " + process.err());
    }

    /** The last complete record of each line; a record cut short is skipped, as the command skips it. */
    private Map<Integer, JsonObject> recordsByLine() throws IOException {
        Map<Integer, JsonObject> records = new LinkedHashMap<>();
        for (JsonObject record : records()) {
            records.put(record.get("line").getAsInt(), record);
        }
        return records;
    }

    private List<String> statusesOfLine(int line) throws IOException {
        return records().stream().filter(record -> record.get("line").getAsInt() == line)
                .map(record -> record.get("status").getAsString()).collect(Collectors.toList());
    }

    private List<JsonObject> records() throws IOException {
        List<JsonObject> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            try {
                records.add(JsonParser.parseString(line).getAsJsonObject());
            } catch (RuntimeException e) {
                // cut short
            }
        }
        return records;
    }

    private static List<Path> files(JsonObject record) {
        List<Path> files = new ArrayList<>();
        record.getAsJsonArray("files").forEach(file -> files.add(Path.of(file.getAsString())));
        return files;
    }

    private static Map<Path, FileTime> modificationTimes(Path... files) throws IOException {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (Path file : files) {
            times.put(file, Files.getLastModifiedTime(file));
        }
        return times;
    }
}
