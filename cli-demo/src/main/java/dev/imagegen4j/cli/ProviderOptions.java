package dev.imagegen4j.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How to choose and configure the provider; shared by the commands that generate. */
final class ProviderOptions {
    @Option(names = "--provider", paramLabel = "ID",
            description = "Provider id (default: $IMAGEGEN_PROVIDER, else gptproto when GPTPROTO_API_KEY is set, "
                    + "else mock).")
    @Nullable String provider;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "Read the API key from FILE instead of the environment.")
    @Nullable Path apiKeyFile;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Prices that override or extend the built-in catalog (a .properties file; see docs/cost.md).")
    @Nullable Path prices;
}
