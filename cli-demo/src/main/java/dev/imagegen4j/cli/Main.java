package dev.imagegen4j.cli;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.Background;
import dev.imagegen4j.BudgetExceededException;
import dev.imagegen4j.ContentPolicyException;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.JobNotFoundException;
import dev.imagegen4j.Moderation;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderNotFoundException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.Quality;
import dev.imagegen4j.RateLimitException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code imagegen} command. Providers reach it only through {@link java.util.ServiceLoader}, so it
 * compiles against the core API alone.
 */
@Command(name = "imagegen", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Generate images from text with any imagegen4j provider.",
        subcommands = {GenerateCommand.class, FetchCommand.class, ValidateCommand.class, EstimateCommand.class,
                ProvidersCommand.class, BatchCommand.class,
                ServeMockCommand.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:anything else, such as a disk that fills up while writing",
                "2:usage error, invalid request, over --max-cost, bad setting or unwritable output",
                "3:authentication, permission or balance", "4:rate limited", "5:content policy",
                "6:server, network, timeout or an unreadable response",
                "7:the job is unknown to the provider (never existed, or expired)"})
public final class Main {
    static final int OK = 0;
    static final int OTHER = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int RATE_LIMITED = 4;
    static final int CONTENT_POLICY = 5;
    static final int UNAVAILABLE = 6;
    static final int JOB_NOT_FOUND = 7;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    private Main() {
    }

    public static void main(String[] args) {
        // The library warns through System.Logger; on a terminal that is one line, not JUL's two with a method name.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        }
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in-process and returns the exit code; the streams are flushed, not closed. */
    static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main(), new Factory(environment));
        // Enum options take their wire names, and a wrong one is answered with the wire names too.
        registerNames(commandLine, Quality.class, Quality::parse);
        registerNames(commandLine, Background.class, Background::parse);
        registerNames(commandLine, OutputFormat.class, OutputFormat::parse);
        registerNames(commandLine, Moderation.class, Moderation::parse);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine line = exception.getCommandLine();
            // One line naming the mistake, not the whole usage text it would be lost in.
            line.getErr().println("error: " + exception.getMessage() + " (see: " + line.getCommandSpec().qualifiedName()
                    + " --help)");
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, line.getErr());
            line.getErr().flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("error: " + message(exception));
            if (exception instanceof ImageGenerationException failure && failure.jobId().isPresent()
                    && (failure instanceof GenerationTimeoutException || failure instanceof GenerationCancelledException
                    || failure.isRetryable())) {
                line.getErr().println("note: the job goes on at " + failure.providerId().orElse("the provider")
                        + "; save its images later, without paying again, with: imagegen fetch " + failure.jobId().get());
            }
            if (Arrays.asList(args).contains("--debug")) {
                exception.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return exitCode(exception);
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static <E extends Enum<E>> void registerNames(CommandLine commandLine, Class<E> type,
                                                              Function<String, E> parse) {
        commandLine.registerConverter(type, text -> {
            try {
                return parse.apply(text.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
    }

    /**
     * Creates the provider's generator; a setting it refuses ({@code create} throws
     * {@link IllegalArgumentException}, e.g. a base URL without a scheme or an unknown fault name) is a
     * usage error, exit 2, like a wrong option.
     */
    private static String message(Exception exception) {
        if (exception instanceof InvalidRequestException invalid && !invalid.violations().isEmpty()) {
            return Console.describeViolations(invalid.violations());
        }
        return exception.getMessage() == null ? exception.toString() : exception.getMessage();
    }

    /** The documented exit code for a failure. */
    static int exitCode(Throwable exception) {
        if (exception instanceof InvalidRequestException || exception instanceof BudgetExceededException
                || exception instanceof CommandLine.ParameterException
                || exception instanceof ProviderNotFoundException || exception instanceof UsageException) {
            return USAGE;
        }
        if (exception instanceof AuthenticationException || exception instanceof PermissionDeniedException) {
            return AUTH;
        }
        if (exception instanceof RateLimitException) {
            return RATE_LIMITED;
        }
        if (exception instanceof ContentPolicyException) {
            return CONTENT_POLICY;
        }
        if (exception instanceof JobNotFoundException) {
            return JOB_NOT_FOUND;
        }
        if (exception instanceof ProviderUnavailableException || exception instanceof GenerationTimeoutException
                || exception instanceof ProviderResponseException) {
            return UNAVAILABLE;
        }
        return OTHER;
    }

    /**
     * A mistake found after parsing: a file that would be overwritten, an output directory that cannot
     * be written, a provider setting the provider refuses.
     */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Gives every command that wants one a {@link Session} over the environment. */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Session.class) {
                return type.cast(new Session(environment));
            }
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Session.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(new Session(environment)));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"imagegen " + (version == null ? "(development build)" : version)};
        }
    }
}
