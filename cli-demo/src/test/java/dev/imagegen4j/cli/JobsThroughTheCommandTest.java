package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.JobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jobs from the command line, on the mock's mock-async model: wait, --no-wait and fetch, batch resume. */
@Timeout(120)
class JobsThroughTheCommandTest {
    private static final Map<String, String> QUICK_JOBS = env("MOCK_JOB_TIME", "300ms");

    @TempDir
    Path dir;

    @Test
    void generateOnAJobModelWaitsForTheJobAndWritesTheImage() throws IOException {
        Cli.Result result = Cli.run(QUICK_JOBS, "generate", "--model", "mock-async", "--size", "16:9", "--seed", "7",
                "a fox", "-o", dir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path image = dir.resolve("a-fox-1.png");
        assertThat(result.outLines()).containsExactly(image.toString());
        assertThat(GeneratedImage.ofFile(image).size()).isEqualTo(ImageSize.of(1360, 765));
    }

    @Test
    void noWaitPrintsTheJobAndFetchInAnotherProcessSavesTheSameImage() throws Exception {
        Cli.Result submitted = Cli.runSubprocess(dir, QUICK_JOBS, Cli.mainCommand("generate", "--no-wait", "--model",
                "mock-async", "--size", "16:9", "--seed", "7", "a fox"));

        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String job = submitted.out().strip();
        assertThat(JobId.parse(job).providerId()).isEqualTo("mock");
        assertThat(submitted.err()).contains("save the images with: imagegen fetch " + job);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("--no-wait writes nothing").isEmpty();
        }

        Cli.Result fetched = Cli.runSubprocess(dir, env(), Cli.mainCommand("fetch", job, "-o", "out/"));

        assertThat(fetched.exitCode()).as(fetched.err()).isZero();
        Path image = dir.resolve("out").resolve("mock-async-job-1.png");
        assertThat(fetched.outLines()).containsExactly(image.toString());
        Cli.Result waited = Cli.run(QUICK_JOBS, "generate", "--model", "mock-async", "--size", "16:9", "--seed", "7",
                "a fox", "-o", dir.resolve("direct.png").toString());
        assertThat(waited.exitCode()).isZero();
        assertThat(Files.readAllBytes(image)).isEqualTo(Files.readAllBytes(dir.resolve("direct.png")));
    }

    @Test
    void noWaitWithJsonPrintsAnObjectWithTheJob() {
        Cli.Result result = Cli.run(QUICK_JOBS, "generate", "--no-wait", "--json", "--model", "mock-async", "a fox");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonObject document = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(document.keySet()).containsExactly("job");
        assertThat(JobId.parse(document.get("job").getAsString()).model()).isEqualTo("mock-async");
    }

    @Test
    void noWaitIsRefusedForAModelWithoutJobsAndWithFileOptions() {
        Cli.Result sync = Cli.run("generate", "--no-wait", "--model", "mock-ratio", "a fox");
        Cli.Result withOutput = Cli.run("generate", "--no-wait", "--model", "mock-async", "a fox", "-o", "x.png");

        assertThat(sync.exitCode()).isEqualTo(2);
        assertThat(sync.err()).contains("model mock-ratio of mock does not run as jobs; use generate() instead");
        assertThat(withOutput.exitCode()).isEqualTo(2);
        assertThat(withOutput.err()).contains("--no-wait writes no files and streams nothing: give -o and --force to "
                + "`imagegen fetch JOB-ID` instead of -o");
    }

    @Test
    void fetchNamesABadIdAnExpiredJobAndAJobThatIsNotDoneInTime() {
        Cli.Result bad = Cli.run("fetch", "nonsense");
        String expired = submit(env("MOCK_JOB_TIME", "0ms", "MOCK_JOB_OUTCOME", "expired"));
        String slow = submit(env("MOCK_JOB_TIME", "1h"));

        Cli.Result gone = Cli.run("fetch", expired, "-o", dir.toString());
        Cli.Result late = Cli.run("fetch", slow, "--timeout", "1s", "-o", dir.toString());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'nonsense' is not a job id");
        assertThat(gone.exitCode()).isEqualTo(7);
        assertThat(gone.err()).contains("The mock's task has expired").doesNotContain("note:");
        assertThat(late.exitCode()).isEqualTo(6);
        assertThat(late.err()).contains("was not done after 1 s")
                .contains("note: the job goes on at mock; save its images later, without paying again, with: "
                        + "imagegen fetch " + slow);
    }

    private static String submit(Map<String, String> environment) {
        Cli.Result result = Cli.run(environment, "generate", "--no-wait", "--model", "mock-async", "a fox");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().strip();
    }

    @Test
    void batchRecordsEachJobWhenSubmittedAndAResumeAfterAKillWaitsForItInsteadOfSubmittingAgain() throws Exception {
        Path input = dir.resolve("jobs.jsonl");
        Files.writeString(input, "{\"prompt\":\"a fox\",\"model\":\"mock-async\"}\n"
                + "{\"prompt\":\"a hare\",\"model\":\"mock-async\"}\n"
                + "{\"prompt\":\"an owl\",\"model\":\"mock-async\"}\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Path results = out.resolve(BatchCommand.RESULTS);
        try (Cli.Subprocess killed = Cli.Subprocess.start(dir, env("MOCK_JOB_TIME", "3s"),
                Cli.mainCommand("batch", input.toString(), "-o", out.toString(), "--concurrency", "1"))) {
            awaitRecord(results, killed);
            killed.process().destroyForcibly();
            assertThat(killed.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        List<JsonObject> beforeKill = records(results);
        assertThat(beforeKill).extracting(record -> record.get("status").getAsString()).containsExactly("submitted");
        String firstJob = beforeKill.get(0).get("job").getAsString();

        Cli.Result resumed = Cli.run(env("MOCK_JOB_TIME", "200ms"), "batch", input.toString(), "-o", out.toString());

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("line 1: waiting for job " + firstJob + ", submitted by an earlier run");
        List<JsonObject> all = records(results);
        for (int line = 1; line <= 3; line++) {
            int number = line;
            List<JsonObject> ofLine = all.stream().filter(record -> record.get("line").getAsInt() == number)
                    .collect(Collectors.toList());
            assertThat(ofLine).extracting(record -> record.get("status").getAsString()).as("line %d", line)
                    .containsExactly("submitted", "ok");
            assertThat(ofLine).extracting(record -> record.get("job").getAsString()).as("one job per line")
                    .containsOnly(ofLine.get(0).get("job").getAsString());
        }
        assertThat(all.get(0).get("job").getAsString()).isEqualTo(firstJob);
        assertThat(resumed.outLines()).containsExactly("3 succeeded, 0 failed, 0 skipped; results in " + results,
                "total cost $0.00 (estimated $0.00)");
    }

    private static void awaitRecord(Path results, Cli.Subprocess process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(results) && Files.readString(results, StandardCharsets.UTF_8).contains("\n")) {
                return;
            }
            if (!process.process().isAlive()) {
                fail("the batch ended before writing a record; stderr: " + process.err());
            }
            Thread.sleep(10);
        }
        fail("no record in " + results + " within 30 s; stderr: " + process.err());
    }

    private static List<JsonObject> records(Path results) throws IOException {
        List<JsonObject> records = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            records.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return records;
    }
}
