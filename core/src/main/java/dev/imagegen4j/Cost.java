package dev.imagegen4j;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a generation actually cost, worked out from what the provider reported (its token usage, or the
 * images made for a model billed per image) and the {@link PriceCatalog}. Attached to every
 * {@link ImageResponse}; for a request split into several calls it is their sum. A cost that cannot be
 * worked out, such as a token-billed model's response without usage, is unknown ({@link #usd()}
 * {@code null}, with a note saying why), never 0.
 *
 * @param usd the amount in US dollars, unrounded; {@code null} when unknown
 * @param price the price entry used, or {@code null} when there was none
 * @param notes how the figure was reached where that is not plain, and why it is unknown when it is
 */
public record Cost(@Nullable BigDecimal usd, @Nullable Price price, List<String> notes) {

    public Cost {
        notes = List.copyOf(notes);
    }

    /** A cost that cannot be worked out, for the reason given. */
    public static Cost unknown(@Nullable Price price, String why) {
        return new Cost(null, price, List.of(why));
    }

    /** Whether the amount is known. */
    public boolean isKnown() {
        return usd != null;
    }

    /** This cost and {@code other} added up: unknown when either is. */
    public Cost plus(Cost other) {
        List<String> all = new ArrayList<>(notes);
        other.notes.stream().filter(note -> !all.contains(note)).forEach(all::add);
        BigDecimal sum = usd == null || other.usd == null ? null : usd.add(other.usd);
        return new Cost(sum, price != null ? price : other.price, all);
    }

    /** {@code $0.00588} or {@code unknown}. */
    public String describe() {
        return usd == null ? "unknown" : dollars(usd);
    }

    /** An amount as {@code $0.00588}: at least two decimals, at most six, rounded up so it never understates. */
    public static String dollars(BigDecimal usd) {
        BigDecimal shown = usd.setScale(6, RoundingMode.CEILING).stripTrailingZeros();
        return "$" + (shown.scale() < 2 ? shown.setScale(2, RoundingMode.UNNECESSARY) : shown).toPlainString();
    }
}
