package dev.imagegen4j.cli;

import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.ValidationResult;
import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import dev.imagegen4j.spi.ImageProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Check a request against the model's rules without sending anything.",
                "Exit 0 when valid (warnings are printed), or 2 with every violation, one per line."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    RequestOptions request;

    @Mixin
    ProviderOptions providerOptions;

    @Spec
    CommandSpec spec;

    private final Session session;

    ValidateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageProvider provider = session.provider(providerOptions.provider, err,
                "checks the request, by the same model rules as gptproto");
        ImageRequest imageRequest = request.toRequest(provider.id());
        ValidationResult result = provider.models().validate(imageRequest, provider.id(),
                new ValidationOptions(request.lenient, request.stream));
        for (Violation violation : result.errors()) {
            err.println("error: " + Console.describe(violation));
        }
        for (Warning warning : result.warnings()) {
            err.println("warning: " + Console.describe(warning));
        }
        if (!result.isValid()) {
            return Main.USAGE;
        }
        out.println("valid for " + provider.id() + " model " + result.modelId());
        return Main.OK;
    }
}
