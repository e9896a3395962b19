package dev.imagegen4j.mock.internal;

/**
 * SplitMix64, written out here rather than taken from {@code java.util} so that the sequence (and so
 * every mock image) stays the same on every JDK.
 */
final class SplitMix {
    private long state;

    SplitMix(long seed) {
        state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** A value in {@code [min, max]}. */
    int between(int min, int max) {
        return min + nextInt(max - min + 1);
    }
}
