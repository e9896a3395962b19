package dev.imagegen4j;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A running total of money a generator may spend ("stop this job at $5"), given to
 * {@link ImageGenerator.Builder#budget}; one budget may be shared by several generators. Thread-safe.
 *
 * <p>Before each provider call the generator reserves the call's estimated cost, refusing the call with
 * {@link BudgetExceededException} (nothing sent) when the reservation would take spending past the limit;
 * so calls running at once can never together overshoot it. After the call the reservation is settled to
 * the actual {@link Cost}, or kept at the estimate when the actual cost is unknown (or the call failed
 * in a way that may still be billed), and released only when the provider refused the call before
 * generating anything.
 */
public final class CostBudget {
    private final BigDecimal limit;
    private BigDecimal spent = BigDecimal.ZERO;
    private BigDecimal reserved = BigDecimal.ZERO;

    private CostBudget(BigDecimal limit) {
        this.limit = limit;
    }

    /**
     * A budget of {@code limitUsd} US dollars, nothing spent yet.
     *
     * @throws IllegalArgumentException when the limit is negative
     */
    public static CostBudget of(BigDecimal limitUsd) {
        Objects.requireNonNull(limitUsd, "limitUsd");
        if (limitUsd.signum() < 0) {
            throw new IllegalArgumentException("a budget cannot be negative but was " + limitUsd.toPlainString());
        }
        return new CostBudget(limitUsd);
    }

    /** The limit, in USD. */
    public BigDecimal limit() {
        return limit;
    }

    /** What settled calls cost, in USD: actual costs, and the estimates of calls whose cost is unknown. */
    public synchronized BigDecimal spent() {
        return spent;
    }

    /** What calls in flight have reserved, in USD. */
    public synchronized BigDecimal reserved() {
        return reserved;
    }

    /** The limit less what is spent and reserved; negative only if actual costs came out above their estimates. */
    public synchronized BigDecimal remaining() {
        return limit.subtract(spent).subtract(reserved);
    }

    /** Refuses {@code estimate} when it does not fit in what remains now, without reserving anything. */
    synchronized void check(CostEstimate estimate) {
        refuseUnlessFits(estimate);
    }

    /** Reserves {@code estimate}, or refuses it when it does not fit in what remains. */
    synchronized Reservation reserve(CostEstimate estimate) {
        BigDecimal amount = refuseUnlessFits(estimate);
        reserved = reserved.add(amount);
        return new Reservation(amount);
    }

    private BigDecimal refuseUnlessFits(CostEstimate estimate) {
        BigDecimal remaining = remaining();
        BigDecimal usd = estimate.usd();
        ErrorDetails details = ErrorDetails.of(estimate.providerId());
        if (usd == null) {
            throw new BudgetExceededException("The cost of " + estimate.model() + " cannot be estimated ("
                    + String.join("; ", estimate.notes()) + "), so the budget of " + Cost.dollars(limit)
                    + " cannot be kept; nothing was sent", details, estimate, remaining);
        }
        if (usd.compareTo(remaining) > 0) {
            throw new BudgetExceededException("The estimated cost " + estimate.describe() + " of " + estimate.model()
                    + " exceeds what remains of the budget: " + Cost.dollars(remaining.max(BigDecimal.ZERO)) + " of "
                    + Cost.dollars(limit) + " (spent " + Cost.dollars(spent) + ", reserved " + Cost.dollars(reserved)
                    + "); nothing was sent", details, estimate, remaining);
        }
        return usd;
    }

    private synchronized void replace(BigDecimal held, BigDecimal cost) {
        reserved = reserved.subtract(held);
        spent = spent.add(cost);
    }

    @Override
    public synchronized String toString() {
        return "CostBudget[limit " + Cost.dollars(limit) + ", spent " + Cost.dollars(spent) + ", reserved "
                + Cost.dollars(reserved) + "]";
    }

    /** One call's reserved estimate, settled exactly once. */
    final class Reservation {
        private final BigDecimal amount;
        private boolean settled;

        private Reservation(BigDecimal amount) {
            this.amount = amount;
        }

        /** Replaces the reservation by {@code actual}, or keeps it as spent when the actual cost is unknown. */
        void settle(Cost actual) {
            BigDecimal usd = actual.usd();
            finish(usd == null ? amount : usd);
        }

        /** Counts the reserved estimate as spent: the call may have been billed though nothing came back. */
        void keep() {
            finish(amount);
        }

        /** Gives the reservation back: the provider refused the call, so nothing was billed. */
        void release() {
            finish(BigDecimal.ZERO);
        }

        private void finish(BigDecimal cost) {
            synchronized (CostBudget.this) {
                if (settled) {
                    return;
                }
                settled = true;
                replace(amount, cost);
            }
        }
    }
}
