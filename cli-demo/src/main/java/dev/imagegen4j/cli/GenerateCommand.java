package dev.imagegen4j.cli;

import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
            description = "A directory (files are named from the prompt) or a file name (default: the current directory).")
    @Nullable String output;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document describing the result instead of the paths.")
    boolean json;

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
        ImageProvider provider = session.provider(providerOptions.provider, err);
        ImageRequest imageRequest = request.toRequest(provider.id());
        // Checked before any file is touched; the generator checks again, which costs nothing.
        provider.models().validate(imageRequest, provider.id(),
                new ValidationOptions(request.lenient, request.stream)).requireValid(provider.id());

        int count = imageRequest.count() == null ? 1 : imageRequest.count();
        ImageFiles files = ImageFiles.of(output == null ? null : Path.of(output), output == null ? "" : output,
                imageRequest.prompt(), count, force);
        int partialCount = request.stream && imageRequest.partialImages() != null ? imageRequest.partialImages() : 0;
        files.checkFree(count, partialCount);
        Files.createDirectories(files.directory());
        // The half-decoded images of a run killed outright into this directory.
        Spool.removeAbandoned(files.directory());
        List<Path> written = new ArrayList<>();
        List<Path> partials = new ArrayList<>();
        ImageResponse response;
        try (Spool spool = Spool.in(files.directory());
             ImageGenerator generator = session.generator(provider, providerOptions.apiKeyFile, spool, request.lenient)) {
            if (request.stream) {
                Progress progress = new Progress(err, count);
                response = generator.stream(imageRequest, event -> {
                    Path path = save(files, event);
                    (event instanceof ImageEvent.PartialImage ? partials : written).add(path);
                    progress.update(event);
                    if (!json) {
                        out.println(path);
                    }
                });
                progress.finish();
            } else {
                response = generator.generate(imageRequest);
                for (int i = 0; i < response.images().size(); i++) {
                    Path path = files.write(i, response.images().get(i));
                    written.add(path);
                    if (!json) {
                        out.println(path);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        response.warnings().forEach(warning -> err.println("warning: " + warning));
        if (json) {
            out.println(Json.PRETTY.toJson(Json.result(response, written, partials)));
        }
        return Main.OK;
    }

    private static Path save(ImageFiles files, ImageEvent event) {
        try {
            return event instanceof ImageEvent.PartialImage partial
                    ? files.writePartial(partial.imageIndex(), partial.partialIndex(), partial.image())
                    : files.write(event.imageIndex(), event.image());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-line progress display on a terminal; silent when output is redirected. */
    private static final class Progress {
        private final @Nullable PrintWriter terminal;
        private final int count;

        Progress(PrintWriter err, int count) {
            this.terminal = System.console() != null ? err : null;
            this.count = count;
        }

        void update(ImageEvent event) {
            if (terminal == null) {
                return;
            }
            String what = event instanceof ImageEvent.PartialImage partial
                    ? "partial image " + (partial.partialIndex() + 1) + " received"
                    : "done";
            terminal.print("\rimage " + (event.imageIndex() + 1) + "/" + count + ": " + what + "          ");
            terminal.flush();
        }

        void finish() {
            if (terminal != null) {
                terminal.println();
            }
        }
    }
}
