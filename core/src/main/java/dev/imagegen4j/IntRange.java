package dev.imagegen4j;

/**
 * An inclusive range of integers, such as the {@code 1..10} images a model accepts.
 *
 * @param min the smallest accepted value
 * @param max the largest accepted value
 */
public record IntRange(int min, int max) {

    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    public static IntRange of(int min, int max) {
        return new IntRange(min, max);
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
