package dev.imagegen4j;

/**
 * How a model billed by the token counts the tokens of a request, declared with
 * {@link ModelSpec.Builder#tokens(TokenRule)}: the provider's knowledge, which core's
 * {@link CostEstimator} prices with the {@link PriceCatalog}. A model billed per image declares none;
 * its price entry is enough. It must be fast, thread-safe and do no I/O.
 */
@FunctionalInterface
public interface TokenRule {

    /**
     * The tokens {@code request} will consume, all its images together ({@link ImageRequest#count()}
     * of them). Where a setting is left to the vendor ({@code auto} or unset), estimate its most expensive
     * plausible value and say so in a note.
     *
     * @param request a request already checked against {@code model} and resolved (its size mapped to one
     *        the model takes, settings dropped in lenient mode removed)
     * @param model the spec the request was checked against
     */
    TokenEstimate estimate(ImageRequest request, ModelSpec model);
}
