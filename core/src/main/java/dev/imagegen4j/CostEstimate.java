package dev.imagegen4j;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a request is expected to cost, worked out before anything is sent: by
 * {@link ImageGenerator#estimate} or {@link CostEstimator#estimate}, from the validated request, the
 * model's {@link TokenRule} and the {@link PriceCatalog}. An estimate whose amount cannot be worked out
 * (no price, an unknown rate) says so: its {@link #usd()} is {@code null} and its notes say why, never 0.
 *
 * @param providerId the provider the request is for
 * @param model the model it was checked against
 * @param images how many images it makes
 * @param tokens the tokens it is expected to consume, for a model billed by the token; {@code null} otherwise
 * @param usd the amount in US dollars, unrounded; {@code null} when unknown
 * @param price the price entry used, or {@code null} when the catalog has none
 * @param notes how the figure was reached where that is not exact, and why it is unknown when it is
 */
public record CostEstimate(String providerId, String model, int images, @Nullable TokenEstimate tokens,
                           @Nullable BigDecimal usd, @Nullable Price price, List<String> notes) {

    public CostEstimate {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(model, "model");
        notes = List.copyOf(notes);
    }

    /** Whether the amount is known. */
    public boolean isKnown() {
        return usd != null;
    }

    /** {@code $0.00588 (196 output tokens)} or {@code unknown}, for messages. */
    public String describe() {
        String amount = usd == null ? "unknown" : Cost.dollars(usd);
        return tokens == null ? amount : amount + " (" + tokens.imageOutputTokens() + " output tokens)";
    }
}
