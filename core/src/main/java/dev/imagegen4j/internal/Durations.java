package dev.imagegen4j.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in settings and options ({@code 300}, {@code 500ms}, {@code 5m},
 * {@code PT5M}) and read them in messages ({@code 300 ms}, {@code 5 s}, {@code 2.5 s}, {@code 10 min}).
 */
public final class Durations {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * A number of seconds ({@code 300}), a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 1h}) or ISO-8601 ({@code PT5M}, which can be negative: callers decide).
     *
     * @throws IllegalArgumentException when {@code text} is none of these
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher matcher = WITH_UNIT.matcher(trimmed.toLowerCase(Locale.ROOT));
        try {
            if (!matcher.matches()) {
                return Duration.parse(trimmed);
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a duration", e);
        }
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
