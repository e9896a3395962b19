package dev.imagegen4j;

import dev.imagegen4j.spi.ImageProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Prices requests and responses of one provider with a {@link PriceCatalog}: the estimate before sending
 * and the actual cost after. Needs no credentials and does no I/O, so it also serves to estimate for a
 * provider that is not configured (as {@code imagegen estimate} does); an {@link ImageGenerator} holds one
 * for its {@link ImageGenerator#estimate estimates}, costs and budgets. Thread-safe.
 *
 * <p>A model with a {@link ModelSpec#tokenRule() token rule} is priced by its tokens at the entry's token
 * rates; a model whose entry has per-image prices by its images. Where the catalog has no entry, or a
 * rate needed is unknown, the amount is unknown and the notes say why.
 */
public final class CostEstimator {
    private static final BigDecimal PIXELS_PER_MEGAPIXEL = BigDecimal.valueOf(1_000_000);

    private final ImageProvider provider;
    private final PriceCatalog prices;

    private CostEstimator(ImageProvider provider, PriceCatalog prices) {
        this.provider = provider;
        this.prices = prices;
    }

    /** An estimator with the prices {@code provider}'s module ships ({@link PriceCatalog#bundled}). */
    public static CostEstimator of(ImageProvider provider) {
        return of(provider, PriceCatalog.empty());
    }

    /** An estimator with the prices {@code provider}'s module ships, overridden and extended by {@code overrides}. */
    public static CostEstimator of(ImageProvider provider, PriceCatalog overrides) {
        Objects.requireNonNull(provider, "provider");
        return new CostEstimator(provider, PriceCatalog.bundled(provider).withOverrides(overrides));
    }

    /** The prices used. */
    public PriceCatalog prices() {
        return prices;
    }

    /**
     * What {@code request} is expected to cost, checked as {@link ImageGenerator} would check it with
     * {@code options}; nothing is sent.
     *
     * @throws InvalidRequestException listing every violation when the request breaks the model's rules
     */
    public CostEstimate estimate(ImageRequest request, ValidationOptions options) {
        Objects.requireNonNull(request, "request");
        ImageRequest resolved = provider.models().validate(request, provider.id(), options).requireValid(provider.id());
        return estimateValid(provider.models().specFor(resolved.model()), resolved);
    }

    /** The estimate of a request already validated against {@code spec} and resolved. */
    CostEstimate estimateValid(ModelSpec spec, ImageRequest request) {
        int images = request.count() == null ? 1 : request.count();
        TokenRule rule = spec.tokenRule();
        TokenEstimate tokens = rule == null ? null : rule.estimate(request, spec);
        List<String> notes = new ArrayList<>(tokens == null ? List.of() : tokens.notes());
        Price price = prices.find(provider.id(), spec.id()).orElse(null);
        BigDecimal usd = null;
        if (price == null) {
            notes.add(noPrice(spec));
        } else if (price.tokens() != null) {
            if (tokens == null) {
                notes.add("model " + spec.id() + " is priced by the token but declares no rule to count them");
            } else {
                usd = tokenCost(price, tokens.textInputTokens(), tokens.imageInputTokens(), tokens.imageOutputTokens(),
                        0, notes);
            }
        } else if (price.images() != null) {
            usd = imageCost(price, request, images, notes);
        } else {
            notes.add(unknownPrice(price));
        }
        return new CostEstimate(provider.id(), spec.id(), images, tokens, usd, price, notes);
    }

    /**
     * The actual cost of a call of {@code request} that made {@code images} images and reported {@code usage}.
     * Input tokens the usage does not split into text and image are counted as text, or as image tokens
     * when the request has reference images; output tokens it does not split count as image tokens.
     */
    Cost cost(ModelSpec spec, ImageRequest request, int images, @Nullable Usage usage) {
        Price price = prices.find(provider.id(), spec.id()).orElse(null);
        if (price == null) {
            return Cost.unknown(null, noPrice(spec));
        }
        List<String> notes = new ArrayList<>();
        if (price.tokens() != null) {
            if (usage == null) {
                return Cost.unknown(price, "the provider reported no token usage for " + spec.id());
            }
            long textInput = usage.inputDetails().textTokens();
            long imageInput = usage.inputDetails().imageTokens();
            long unsplitInput = usage.inputTokens() - textInput - imageInput;
            if (unsplitInput > 0) {
                boolean edit = !request.images().isEmpty();
                if (edit) {
                    imageInput += unsplitInput;
                } else {
                    textInput += unsplitInput;
                }
                notes.add(unsplitInput + " input tokens without details counted as " + (edit ? "image" : "text")
                        + " tokens");
            }
            long imageOutput = usage.outputDetails().imageTokens();
            long textOutput = usage.outputDetails().textTokens();
            long unsplitOutput = usage.outputTokens() - imageOutput - textOutput;
            if (unsplitOutput > 0) {
                // The images endpoint often omits output_tokens_details; an image model's output is images.
                imageOutput += unsplitOutput;
                notes.add(unsplitOutput + " output tokens without details counted as image tokens");
            }
            return new Cost(tokenCost(price, textInput, imageInput, imageOutput, textOutput, notes), price, notes);
        }
        if (price.images() != null) {
            return new Cost(imageCost(price, request, images, notes), price, notes);
        }
        return Cost.unknown(price, unknownPrice(price));
    }

    private String noPrice(ModelSpec spec) {
        return "the price catalog has no price for " + provider.id() + "/" + spec.id();
    }

    private static String unknownPrice(Price price) {
        return "the price of " + price.provider() + "/" + price.model() + " is unknown (" + price.source() + ")";
    }

    /** Tokens at the entry's rates (USD per million); {@code null}, with a note, when a rate needed is unknown. */
    private static @Nullable BigDecimal tokenCost(Price price, long textInput, long imageInput, long imageOutput,
                                                  long textOutput, List<String> notes) {
        Price.TokenRates rates = Objects.requireNonNull(price.tokens());
        List<String> unknown = new ArrayList<>();
        BigDecimal total = part("text input", textInput, rates.textInput(), unknown)
                .add(part("image input", imageInput, rates.imageInput(), unknown))
                .add(part("image output", imageOutput, rates.imageOutput(), unknown))
                .add(part("text output", textOutput, rates.textOutput(), unknown));
        unknown.forEach(kind -> notes.add("the " + kind + " rate of " + price.provider() + "/" + price.model()
                + " is unknown"));
        return unknown.isEmpty() ? total : null;
    }

    private static BigDecimal part(String kind, long tokens, @Nullable BigDecimal ratePerMillion, List<String> unknown) {
        if (tokens == 0) {
            return BigDecimal.ZERO;
        }
        if (ratePerMillion == null) {
            unknown.add(kind);
            return BigDecimal.ZERO;
        }
        return ratePerMillion.multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
    }

    /** {@code images} images at the entry's per-image price; {@code null}, with a note, when it cannot be worked out. */
    private static @Nullable BigDecimal imageCost(Price price, ImageRequest request, int images, List<String> notes) {
        Price.ImageRates rates = Objects.requireNonNull(price.images());
        BigDecimal each = perImage(rates.perImage(), request, notes);
        if (each == null) {
            notes.add("the price of " + price.provider() + "/" + price.model() + " has no figure for size "
                    + request.size() + " and quality " + request.quality());
            return null;
        }
        if (rates.perExtraMegapixel() != null) {
            if (!(request.size() instanceof ImageSize.Exact size)) {
                notes.add(price.model() + " is priced by megapixel, which needs an exact size; the size is "
                        + (request.size() == null ? "the vendor's default" : request.size().text()));
                return null;
            }
            BigDecimal megapixels = BigDecimal.valueOf(size.pixels()).divide(PIXELS_PER_MEGAPIXEL)
                    .subtract(BigDecimal.ONE).max(BigDecimal.ZERO);
            for (InputImage input : request.images()) {
                megapixels = megapixels.add(BigDecimal.valueOf((long) input.width() * input.height())
                        .divide(PIXELS_PER_MEGAPIXEL));
            }
            each = each.add(megapixels.multiply(rates.perExtraMegapixel()));
        }
        BigDecimal total = each.multiply(BigDecimal.valueOf(images));
        if (rates.usdPerCredit() != null) {
            notes.add(total.stripTrailingZeros().toPlainString() + " credits at " + Cost.dollars(rates.usdPerCredit())
                    + " per credit");
            total = total.multiply(rates.usdPerCredit());
        }
        return total;
    }

    /**
     * The most specific per-image figure for the request's size and quality; with the quality left to the
     * vendor, the most expensive figure of any quality for the size, where the entry has such figures.
     */
    private static @Nullable BigDecimal perImage(Map<String, BigDecimal> perImage, ImageRequest request,
                                                 List<String> notes) {
        String size = request.size() == null ? null : request.size().text();
        Quality quality = request.quality();
        if (quality == null || quality == Quality.AUTO) {
            BigDecimal highest = null;
            for (Quality each : Quality.values()) {
                BigDecimal figure = each == Quality.AUTO ? null : first(perImage, sized(size, each), each.id());
                if (figure != null && (highest == null || figure.compareTo(highest) > 0)) {
                    highest = figure;
                }
            }
            if (highest != null) {
                notes.add("quality left to the vendor: estimated at the most expensive figure");
                return highest;
            }
            return first(perImage, size, "");
        }
        return first(perImage, sized(size, quality), size, quality.id(), "");
    }

    /** The key of a figure for {@code size} at {@code quality}, such as {@code 1024x1024@high}; {@code null} without a size. */
    private static @Nullable String sized(@Nullable String size, Quality quality) {
        return size == null ? null : size + "@" + quality.id();
    }

    /** The figure of the first of {@code keys} the entry has; {@code null} keys are skipped. */
    private static @Nullable BigDecimal first(Map<String, BigDecimal> perImage, @Nullable String... keys) {
        for (String key : keys) {
            if (key != null && perImage.containsKey(key)) {
                return perImage.get(key);
            }
        }
        return null;
    }
}
