package dev.imagegen4j;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one model of one provider costs, as a {@link PriceCatalog} holds it: token rates for models
 * billed by the token, a price per image (in USD or in the vendor's credits) for models billed per
 * image, or neither when the figure could not be found. Every entry says where its figures come from
 * and when they were read; a figure that is {@code null} is unknown, never zero.
 *
 * @param provider the provider id, such as {@code openai}
 * @param model the model id, or {@code *} for every model of the provider that has no entry of its own
 * @param tokens the rates of a model billed by the token, or {@code null}
 * @param images the prices of a model billed per image, or {@code null}
 * @param date the day the figures were read from {@code source}
 * @param source where the figures come from: the vendor's page, usually a URL
 * @param note what the reader should know, such as "OpenAI list price; GPTProto publishes none"; may be empty
 */
public record Price(String provider, String model, @Nullable TokenRates tokens, @Nullable ImageRates images,
                    LocalDate date, String source, String note) {

    public Price {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
        if (source.isBlank()) {
            throw new IllegalArgumentException("the price of " + provider + "/" + model + " names no source");
        }
        if (tokens != null && images != null) {
            throw new IllegalArgumentException("the price of " + provider + "/" + model
                    + " has both token rates and per-image prices; a model is billed one way");
        }
    }

    /** Whether the entry has any figure at all; an entry without is the catalog saying "unknown". */
    public boolean isKnown() {
        return tokens != null || images != null;
    }

    /** {@code openai/gpt-image-2, read 2026-12-02 from https://...}, for messages and listings. */
    public String describe() {
        return provider + "/" + model + ", read " + date + " from " + source + (note.isEmpty() ? "" : " (" + note + ")");
    }

    /**
     * The rates of a model billed by the token, in USD per million tokens; {@code null} where unknown.
     *
     * @param textInput text tokens of the prompt
     * @param cachedTextInput text input tokens served from the vendor's cache
     * @param imageInput image tokens of the reference images of an edit
     * @param cachedImageInput image input tokens served from the cache
     * @param imageOutput image tokens of the generated images, partial images included
     * @param textOutput text tokens the model generates
     */
    public record TokenRates(@Nullable BigDecimal textInput, @Nullable BigDecimal cachedTextInput,
                             @Nullable BigDecimal imageInput, @Nullable BigDecimal cachedImageInput,
                             @Nullable BigDecimal imageOutput, @Nullable BigDecimal textOutput) {
    }

    /**
     * The prices of a model billed per image, in USD, or in the vendor's credits when {@code usdPerCredit}
     * is set.
     *
     * @param perImage the price of one image by what it depends on: the key {@code ""} is the price of any
     *        image; more specific keys are a size ({@code 1024x1024}, {@code 16:9}), a quality ({@code high}),
     *        or both ({@code 1024x1024@high})
     * @param perExtraMegapixel for vendors billing by area, the price of each output megapixel beyond the
     *        first and of each input megapixel; {@code null} when the price does not depend on area
     * @param usdPerCredit what one credit costs in USD when the prices are in credits; {@code null} when
     *        they are in USD
     */
    public record ImageRates(Map<String, BigDecimal> perImage, @Nullable BigDecimal perExtraMegapixel,
                             @Nullable BigDecimal usdPerCredit) {
        public ImageRates {
            perImage = Map.copyOf(perImage);
            if (perImage.isEmpty()) {
                throw new IllegalArgumentException("a per-image price needs at least one figure");
            }
        }
    }
}
