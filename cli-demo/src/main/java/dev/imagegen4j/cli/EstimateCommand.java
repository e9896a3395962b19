package dev.imagegen4j.cli;

import dev.imagegen4j.CostEstimate;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.Price;
import dev.imagegen4j.TokenEstimate;
import dev.imagegen4j.ValidationOptions;
import dev.imagegen4j.spi.ImageProvider;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "estimate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Estimate what a generation would cost, sending nothing.",
                "Prints the tokens (for models billed by the token), the amount in USD and the price it comes from; "
                        + "needs no API key. Takes the options of generate. Exit 0, or 2 when the request is invalid."})
final class EstimateCommand implements Callable<Integer> {
    @Mixin
    RequestOptions request;

    @Mixin
    ProviderOptions providerOptions;

    @Option(names = "--json", description = "Print one JSON object: usd, output_tokens (token-billed models), "
            + "price_source and the rest.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Session session;

    EstimateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageProvider provider = session.provider(providerOptions.provider, err, "prices the request (it is free)");
        ImageRequest imageRequest = request.toRequest(provider.id());
        CostEstimate estimate = session.estimator(provider, providerOptions)
                .estimate(imageRequest, new ValidationOptions(request.lenient, request.stream));
        if (json) {
            out.println(Json.PRETTY.toJson(Json.estimate(estimate)));
            return Main.OK;
        }
        out.println(estimate.model() + " on " + estimate.providerId() + ", " + estimate.images()
                + (estimate.images() == 1 ? " image: " : " images: ") + amount(estimate.usd()));
        TokenEstimate tokens = estimate.tokens();
        if (tokens != null) {
            out.println("tokens: " + tokens.imageOutputTokens() + " output tokens, "
                    + (tokens.textInputTokens() + tokens.imageInputTokens()) + " input tokens (" + tokens.textInputTokens()
                    + " text, " + tokens.imageInputTokens() + " image)");
        }
        Price price = estimate.price();
        out.println("price: " + (price == null ? "none in the catalog" : price.describe()));
        estimate.notes().forEach(note -> out.println("note: " + note));
        return Main.OK;
    }

    /** {@code about $0.006 ($0.00589)}: cents for a dollar or more, else three decimals, then the exact figure. */
    static String amount(@Nullable BigDecimal usd) {
        if (usd == null) {
            return "unknown";
        }
        BigDecimal rounded = usd.setScale(usd.compareTo(BigDecimal.ONE) >= 0 ? 2 : 3, RoundingMode.HALF_UP);
        return "about $" + rounded.toPlainString() + " ($" + usd.stripTrailingZeros().toPlainString() + ")";
    }
}
