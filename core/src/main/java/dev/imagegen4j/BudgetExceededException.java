package dev.imagegen4j;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A request was refused before anything was sent because its estimated cost exceeds a limit: the
 * generator's {@link ImageGenerator.Builder#maxCostPerRequest per-request maximum}, or what remains of its
 * {@link CostBudget}. Also thrown when a limit is set and the cost cannot be estimated, since the limit
 * could not then be kept. Lower the request (fewer images, a smaller size or quality), or raise the limit.
 */
public class BudgetExceededException extends ImageGenerationException {
    private static final long serialVersionUID = 1L;

    // Estimates hold price entries, which are not serializable; a deserialized exception has none.
    private final transient @Nullable CostEstimate estimate;
    private final BigDecimal limit;

    /**
     * @param estimate the estimate that did not fit; {@code null} when several requests were refused together
     *        (a batch), whose sum the reason names
     */
    public BudgetExceededException(String reason, ErrorDetails details, @Nullable CostEstimate estimate,
                                   BigDecimal limit) {
        super(reason, details, null);
        this.estimate = estimate;
        this.limit = limit;
    }

    /** The estimate that did not fit; {@code null} for requests refused together, and after deserialization. */
    public @Nullable CostEstimate estimate() {
        return estimate;
    }

    /** The amount the estimate was held against, in USD: the per-request maximum or what remained of the budget. */
    public BigDecimal limit() {
        return limit;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
