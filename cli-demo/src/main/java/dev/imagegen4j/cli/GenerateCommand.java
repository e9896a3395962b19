package dev.imagegen4j.cli;

import com.google.gson.JsonObject;
import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageJob;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Generate images and write them to files, printing each path written.",
                "Files are written atomically and never replaced without --force."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    RequestOptions request;

    @Mixin
    ProviderOptions providerOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE-or-DIR",
            description = {"A directory (files are named from the prompt, with the next free number) or a file name "
                    + "(default: the current directory).", "A file name's extension sets the format when --format is not given."})
    @Nullable String output;

    @Option(names = "--force", description = "Replace existing files (in a directory: number from 1, replacing).")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document describing the result instead of the paths.")
    boolean json;

    @Option(names = "--no-wait", description = {"Submit to a model that runs as jobs and print the job id at once; "
            + "`imagegen fetch JOB-ID` saves the images later, from any process."})
    boolean noWait;

    @Option(names = "--max-cost", paramLabel = "USD", converter = UsdConverter.class,
            description = "Refuse, sending nothing (exit 2), when the estimated cost is higher or cannot be estimated.")
    @Nullable BigDecimal maxCost;

    @Spec
    CommandSpec spec;

    private final Session session;

    GenerateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path outputPath = output == null ? null : Path.of(output);
        String rawOutput = output == null ? "" : output;
        ImageProvider provider = session.provider(providerOptions.provider, err, "makes the images");
        if (noWait) {
            return submit(provider, out, err);
        }
        ImageRequest imageRequest = withFormatOfFileName(request.toRequest(provider.id()), outputPath, rawOutput, err);
        // Checked before any file is touched; the generator checks again, which costs nothing.
        provider.models().validate(imageRequest, provider.id(),
                new ValidationOptions(request.lenient, request.stream)).requireValid(provider.id());

        int count = imageRequest.count() == null ? 1 : imageRequest.count();
        ImageFiles files = ImageFiles.of(outputPath, rawOutput, imageRequest.prompt(), count, force);
        int partialCount = request.stream && imageRequest.partialImages() != null ? imageRequest.partialImages() : 0;
        files.checkFree(count, partialCount);
        OutputDirectory directory = OutputDirectory.check(files.directory());
        // The half-decoded images of a run killed outright into this directory.
        Spool.removeAbandoned(directory.path());
        List<Path> written = new ArrayList<>();
        List<Path> partials = new ArrayList<>();
        ImageResponse response;
        CostEstimate estimate;
        try (StatusLine status = StatusLine.onStderr(err);
             Spool spool = Spool.in(directory.path());
             ImageGenerator generator = session.generator(provider, providerOptions, spool, request.lenient,
                     this::limits)) {
            estimate = generator.estimate(imageRequest);
            status.tickWhile(count == 1 ? "generating the image..." : "generating " + count + " images...");
            if (request.stream) {
                response = generator.stream(imageRequest, event -> {
                    if (event instanceof ImageEvent.JobProgress) {
                        showJobProgress(event, status);
                        return;
                    }
                    Path path = save(files, event, spool);
                    (event instanceof ImageEvent.PartialImage ? partials : written).add(path);
                    status.clear();
                    if (!json) {
                        out.println(path);
                    }
                    boolean last = event instanceof ImageEvent.Completed completed && completed.imageIndex() + 1 == count;
                    if (last) {
                        status.show(progress(event, count, partialCount));
                    } else {
                        status.tickWhile(progress(event, count, partialCount) + "; waiting...");
                    }
                });
            } else {
                response = provider.models().specFor(imageRequest.model()).jobs()
                        ? generator.stream(imageRequest, event -> showJobProgress(event, status))
                        : generator.generate(imageRequest);
                status.clear();
                written.addAll(save(response, files, spool, json ? null : out));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            directory.removeIfEmpty();
        }
        report(response, written, partials, estimate, json, out, err);
        return Main.OK;
    }

    private void limits(ImageGenerator.Builder generator) {
        if (maxCost != null) {
            generator.maxCostPerRequest(maxCost);
        }
    }

    /** {@code --no-wait}: submits, prints the job id, and leaves the rest to {@code imagegen fetch}. */
    private int submit(ImageProvider provider, PrintWriter out, PrintWriter err) {
        if (output != null || force || request.stream) {
            throw new Main.UsageException("--no-wait writes no files and streams nothing: give -o and --force to "
                    + "`imagegen fetch JOB-ID` instead of " + (output != null ? "-o" : force ? "--force" : "--stream"));
        }
        ImageRequest imageRequest = request.toRequest(provider.id());
        ImageJob job;
        try (ImageGenerator generator = session.generator(provider, providerOptions, null, request.lenient,
                this::limits)) {
            job = generator.submit(imageRequest);
        }
        job.warnings().forEach(warning -> err.println("warning: " + warning));
        if (json) {
            JsonObject document = new JsonObject();
            document.addProperty("job", job.id());
            out.println(Json.PRETTY.toJson(document));
        } else {
            out.println(job.id());
            err.println("submitted; save the images with: imagegen fetch " + job.id());
        }
        return Main.OK;
    }

    /** Keeps the status line saying where a job stands while {@code generate} or {@code fetch} waits. */
    static void showJobProgress(ImageEvent event, StatusLine status) {
        if (event instanceof ImageEvent.JobProgress job) {
            status.tickWhile("job " + job.state().id() + (job.progress() == null ? ""
                    : " " + Math.round(job.progress() * 100) + "%") + "...");
        }
    }

    /** Saves the response's images as {@code files} names them, printing each path to {@code out} unless null. */
    static List<Path> save(ImageResponse response, ImageFiles files, Spool spool, @Nullable PrintWriter out)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < response.images().size(); i++) {
            Path path = files.write(i, response.images().get(i), spool);
            written.add(path);
            if (out != null) {
                out.println(path);
            }
        }
        return written;
    }

    /** The warnings on stderr and, with {@code --json}, the result document. */
    static void report(ImageResponse response, List<Path> written, List<Path> partials,
                       @Nullable CostEstimate estimate, boolean json, PrintWriter out, PrintWriter err) {
        response.warnings().forEach(warning -> err.println("warning: " + warning));
        if (json) {
            out.println(Json.PRETTY.toJson(Json.result(response, written, partials, estimate)));
        }
    }

    /**
     * The request with the format that {@code -o}'s file name asks for ({@code pic.jpg}: jpeg) when
     * {@code --format} was not given; when it was and the two disagree, {@code --format} wins and a
     * warning says which extension the file gets.
     */
    private static ImageRequest withFormatOfFileName(ImageRequest request, @Nullable Path output, String rawOutput,
                                                     PrintWriter err) {
        ImageFormat named = ImageFiles.formatNamedBy(output, rawOutput);
        if (named == null) {
            return request;
        }
        OutputFormat asked = request.outputFormat();
        if (asked == null) {
            return request.toBuilder().outputFormat(Arrays.stream(OutputFormat.values())
                    .filter(format -> format.imageFormat() == named).findFirst().orElseThrow()).build();
        }
        if (asked.imageFormat() != null && asked.imageFormat() != named) {
            err.println("warning: -o " + rawOutput + " names a " + named.extension() + " file but --format is "
                    + asked.id() + ", so the file gets the extension ." + asked.imageFormat().extension());
        }
        return request;
    }

    /** Parses {@code --max-cost}: a non-negative amount of US dollars, {@code 0.50} or {@code $0.50}. */
    static final class UsdConverter implements ITypeConverter<BigDecimal> {
        @Override
        public BigDecimal convert(String value) {
            try {
                BigDecimal usd = new BigDecimal(value.startsWith("$") ? value.substring(1) : value);
                if (usd.signum() >= 0) {
                    return usd;
                }
            } catch (NumberFormatException e) {
                // Answered below, in the user's terms.
            }
            throw new TypeConversionException("'" + value + "' is not an amount of US dollars such as 0.50");
        }
    }
    /** {@code image 1/2: partial 1/3 received}: every count 1-based, as in the file names. */
    private static String progress(ImageEvent event, int count, int partialCount) {
        String what = event instanceof ImageEvent.PartialImage partial
                ? "partial " + (partial.partialIndex() + 1) + "/" + partialCount + " received"
                : "done";
        int index = event instanceof ImageEvent.PartialImage partial ? partial.imageIndex()
                : ((ImageEvent.Completed) event).imageIndex();
        return "image " + (index + 1) + "/" + count + ": " + what;
    }

    private static Path save(ImageFiles files, ImageEvent event, Spool spool) {
        try {
            return event instanceof ImageEvent.PartialImage partial
                    ? files.writePartial(partial.imageIndex(), partial.partialIndex(), partial.image(), spool)
                    : files.write(((ImageEvent.Completed) event).imageIndex(), ((ImageEvent.Completed) event).image(), spool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
