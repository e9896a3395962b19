package dev.imagegen4j;

import java.time.Duration;
import java.util.Objects;

/**
 * How a generator polls its jobs: the first poll after {@code initialInterval}, each later wait
 * {@code multiplier} times the one before, never more than {@code maxInterval}, and longer only when
 * the vendor asks for it (Retry-After). No poll is made after a wait's deadline.
 *
 * @param initialInterval the wait before the first poll; positive
 * @param multiplier how much each wait grows; at least 1
 * @param maxInterval the longest wait the schedule reaches; at least {@code initialInterval}
 */
public record JobPolling(Duration initialInterval, double multiplier, Duration maxInterval) {

    /** 500 ms at first (BFL's own examples poll every 0.5 s), growing by half, up to 5 s. */
    public static final JobPolling DEFAULT = new JobPolling(Duration.ofMillis(500), 1.5, Duration.ofSeconds(5));

    public JobPolling {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (initialInterval.isNegative() || initialInterval.isZero()) {
            throw new IllegalArgumentException("initialInterval must be positive but was " + initialInterval);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1 but was " + multiplier);
        }
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("maxInterval " + maxInterval + " is shorter than initialInterval "
                    + initialInterval);
        }
    }

    /** The wait that follows {@code previous} in this schedule. */
    Duration next(Duration previous) {
        double grown = previous.toNanos() * multiplier;
        return grown >= maxInterval.toNanos() ? maxInterval : Duration.ofNanos((long) grown);
    }
}
