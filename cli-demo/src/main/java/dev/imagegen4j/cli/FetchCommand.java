package dev.imagegen4j.cli;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.JobId;
import dev.imagegen4j.internal.Durations;
import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Waits for a job submitted earlier (by {@code generate --no-wait}, here or elsewhere) and saves its images. */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Wait for the job JOB-ID (printed by `imagegen generate --no-wait`) and save its images like "
                + "generate does; nothing is submitted again.",
                "The provider is the one named in the job id; its settings come from the environment as usual."})
final class FetchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB-ID", description = "The job id, as printed when it was submitted.")
    String job;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE-or-DIR",
            description = "A directory (files are named after the model, with the next free number) or a file name "
                    + "(default: the current directory).")
    @Nullable String output;

    @Option(names = "--force", description = "Replace existing files (in a directory: number from 1, replacing).")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document describing the result instead of the paths.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "How long to wait: 90s, 10m, 2h or ISO-8601 such as PT2H (default: ${DEFAULT-VALUE}).")
    String timeout = "15m";

    @Mixin
    ProviderOptions providerOptions;

    @Spec
    CommandSpec spec;

    private final Session session;

    FetchCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobId id;
        try {
            id = JobId.parse(job);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        Duration wait = duration(timeout);
        if (providerOptions.provider != null && !providerOptions.provider.strip().equals(id.providerId())) {
            throw new Main.UsageException("job " + job + " belongs to provider " + id.providerId() + ", not to --provider "
                    + providerOptions.provider);
        }
        ImageProvider provider = ImageProviders.get(id.providerId());
        Path outputPath = output == null ? null : Path.of(output);
        ImageFiles files = ImageFiles.of(outputPath, output == null ? "" : output, id.model() + " job", id.count(), force);
        files.checkFree(id.count(), 0);
        OutputDirectory directory = OutputDirectory.check(files.directory());
        Spool.removeAbandoned(directory.path());
        ImageResponse response;
        List<Path> written;
        try (StatusLine status = StatusLine.onStderr(err);
             Spool spool = Spool.in(directory.path());
             ImageGenerator generator = session.generator(provider, providerOptions, spool, false, limits -> { })) {
            status.tickWhile("waiting for the job...");
            response = generator.job(id.toString()).await(wait, event -> GenerateCommand.showJobProgress(event, status));
            status.clear();
            written = GenerateCommand.save(response, files, spool, json ? null : out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        } finally {
            directory.removeIfEmpty();
        }
        GenerateCommand.report(response, written, List.of(), null, json, out, err);
        return Main.OK;
    }

    private static Duration duration(String text) {
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--timeout must be a duration such as 90s, 10m or PT2H but was '" + text + "'");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new Main.UsageException("--timeout must be positive but was " + text);
        }
        return duration;
    }
}
