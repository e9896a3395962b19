package dev.imagegen4j.openai;

import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.Quality;
import dev.imagegen4j.TokenEstimate;
import dev.imagegen4j.TokenRule;
import java.util.ArrayList;
import java.util.List;

/**
 * How the GPT image models count tokens, for cost estimates. Two rules of output tokens:
 *
 * <ul>
 * <li>{@link #TABLE} (gpt-image-1, gpt-image-1-mini, gpt-image-1.5): OpenAI's table in the image generation
 *     guide (developers.openai.com/api/docs/guides/image-generation, "Cost and latency"): 1024x1024 272 / 1056
 *     / 4160 for low / medium / high, 1024x1536 408 / 1584 / 6240, 1536x1024 400 / 1568 / 6208.</li>
 * <li>{@link #FLEXIBLE} (gpt-image-2, any size): the rule behind the guide's cost calculator, as published on
 *     community.openai.com/t/gpt-image-2-output-pricing-calculator-online-and-in-your-code/1382699: with
 *     q = 16, 48, 96 for low, medium, high, s = round(q x short side / long side) (halves down), tokens =
 *     ceil(q x s x (2,000,000 + width x height) / 4,000,000). It reproduces every published example:
 *     1024x1024 low 196, medium 1756, high 7024; 1536x1024 high 5488.</li>
 * </ul>
 *
 * <p>Both add 100 image output tokens per partial image (GPTProto's and OpenAI's parameter tables), count
 * the prompt with an approximation of OpenAI's o200k tokenizer (which is not bundled): one token per four
 * ASCII characters, rounded up, plus one per other character, and count reference images by the rule
 * observed for each family (the vendor publishes none). Every figure is multiplied by {@code n}: each image
 * is billed as its own generation. A quality or size left to the vendor is estimated at its most expensive
 * value, and the estimate says so.
 */
final class GptImageTokens implements TokenRule {
    /** gpt-image-1 and its siblings: the vendor's table of fixed sizes. */
    static final GptImageTokens TABLE = new GptImageTokens(false);
    /** gpt-image-2: the vendor's rule for any size. */
    static final GptImageTokens FLEXIBLE = new GptImageTokens(true);

    static final int TOKENS_PER_PARTIAL_IMAGE = 100;

    private static final List<ImageSize.Exact> TABLE_SIZES = List.of(ImageSize.of(1024, 1024),
            ImageSize.of(1024, 1536), ImageSize.of(1536, 1024));
    // Rows in the order of TABLE_SIZES; columns low, medium, high.
    private static final long[][] TABLE_TOKENS = {{272, 1056, 4160}, {408, 1584, 6240}, {400, 1568, 6208}};
    /** The sizes {@code size=auto} picks among on gpt-image-2, the same three. */
    private static final List<ImageSize.Exact> AUTO_SIZES = TABLE_SIZES;
    private static final List<Quality> PRICED_QUALITIES = List.of(Quality.LOW, Quality.MEDIUM, Quality.HIGH);
    /** gpt-image-2's factor of each priced quality, in the order of PRICED_QUALITIES. */
    private static final long[] QUALITY_FACTORS = {16, 48, 96};

    private final boolean flexible;

    private GptImageTokens(boolean flexible) {
        this.flexible = flexible;
    }

    @Override
    public TokenEstimate estimate(ImageRequest request, ModelSpec model) {
        List<String> notes = new ArrayList<>();
        Quality quality = request.quality();
        if (model.qualities().isEmpty()) {
            quality = Quality.HIGH;
            notes.add("model " + model.id() + " takes no quality: estimated as high, the most expensive");
        } else if (quality == null || quality == Quality.AUTO) {
            quality = Quality.HIGH;
            notes.add("quality " + (request.quality() == null ? "unset (auto)" : "auto")
                    + " estimated as high, the most expensive");
        }
        long perImage = outputTokens(request.size(), quality, notes);
        int partials = request.partialImages() == null ? 0 : request.partialImages();
        perImage += (long) partials * TOKENS_PER_PARTIAL_IMAGE;
        long text = textTokens(request.prompt());
        notes.add("prompt tokens approximated (4 ASCII characters or 1 other character per token)");
        long images = 0;
        for (InputImage input : request.images()) {
            images += flexible ? patchTokens(input.width(), input.height()) : tileTokens(input.width(), input.height());
        }
        if (!request.images().isEmpty()) {
            notes.add("reference image tokens approximated by the rule observed for the family; the vendor "
                    + "publishes none");
            if (request.extras().values().stream().anyMatch(extras -> "high".equals(extras.get("input_fidelity")))) {
                notes.add("input_fidelity high adds image input tokens the vendor does not publish; not included");
            }
        }
        int n = request.count() == null ? 1 : request.count();
        return new TokenEstimate(text * n, images * n, perImage * n, notes);
    }

    private long outputTokens(ImageSize size, Quality quality, List<String> notes) {
        if (size instanceof ImageSize.Exact exact && (flexible || TABLE_SIZES.contains(exact))) {
            return tokens(exact, quality);
        }
        List<ImageSize.Exact> candidates = flexible ? AUTO_SIZES : TABLE_SIZES;
        ImageSize.Exact dearest = candidates.get(0);
        for (ImageSize.Exact candidate : candidates) {
            if (tokens(candidate, quality) > tokens(dearest, quality)) {
                dearest = candidate;
            }
        }
        notes.add("size " + (size == null ? "unset (auto)" : size.text()) + " estimated as " + dearest.text()
                + ", the most expensive of " + String.join(", ", candidates.stream().map(ImageSize::text).toList()));
        return tokens(dearest, quality);
    }

    /** The output tokens of one image of {@code size} at a priced quality. */
    long tokens(ImageSize.Exact size, Quality quality) {
        int column = PRICED_QUALITIES.indexOf(quality);
        if (column < 0) {
            throw new IllegalArgumentException("quality " + quality + " has no token count; it is one of "
                    + PRICED_QUALITIES);
        }
        if (!flexible) {
            int row = TABLE_SIZES.indexOf(size);
            if (row < 0) {
                throw new IllegalArgumentException("size " + size.text() + " is not in the table: " + TABLE_SIZES);
            }
            return TABLE_TOKENS[row][column];
        }
        long q = QUALITY_FACTORS[column];
        long longSide = Math.max(size.width(), size.height());
        long shortSide = Math.min(size.width(), size.height());
        long s = (2 * q * shortSide + longSide) / (2 * longSide);
        long scaled = q * s * (2_000_000L + (long) size.width() * size.height());
        return (scaled + 4_000_000L - 1) / 4_000_000L;
    }

    /** The o200k approximation: a token per four ASCII characters (rounded up), one per other character. */
    static long textTokens(String prompt) {
        long ascii = prompt.chars().filter(c -> c < 128).count();
        long other = prompt.codePoints().filter(c -> c >= 128).count();
        return (ascii + 3) / 4 + other;
    }

    /**
     * gpt-image-1 family: the image scaled so its shorter side is 512 px (dimensions rounded down), 65 tokens
     * and 129 per 512 px tile; observed on the edits endpoint (1024x1025 bills one tile, 194 tokens).
     */
    static long tileTokens(int width, int height) {
        double scale = 512.0 / Math.min(width, height);
        long w = (long) Math.floor(width * scale);
        long h = (long) Math.floor(height * scale);
        return 65 + 129 * ((w + 511) / 512) * ((h + 511) / 512);
    }

    /**
     * gpt-image-2: 32 px patches of the image, magnified (at most 2x) towards a 1024 px longer side, and
     * scaled down to at most 1,536 patches; observed on the edits endpoint.
     */
    static long patchTokens(int width, int height) {
        double scale = Math.min(2.0, Math.max(1.0, 1024.0 / Math.max(width, height)));
        double w = width * scale;
        double h = height * scale;
        long patches = (long) Math.ceil(w / 32) * (long) Math.ceil(h / 32);
        if (patches > 1536) {
            double shrink = Math.sqrt(1536 * 32.0 * 32.0 / (w * h));
            patches = Math.min(1536, (long) Math.ceil(Math.floor(w * shrink) / 32) * (long) Math.ceil(Math.floor(h * shrink) / 32));
        }
        return patches;
    }
}
