package dev.imagegen4j.internal;

import java.time.Duration;
import java.util.Locale;

/** Durations in the units people read in messages: {@code 300 ms}, {@code 5 s}, {@code 2.5 s}, {@code 10 min}. */
public final class Durations {
    private Durations() {
    }

    /** {@code duration} in the largest unit that shows it exactly, or to a tenth of a second. */
    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
