package dev.imagegen4j;

import java.time.Duration;

/** The time and the waits of job polling; replaced in tests by a clock that only moves when told. */
interface Ticker {
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    long nanoTime();

    /** Waits {@code duration}; an interrupt ends the wait. */
    void sleep(Duration duration) throws InterruptedException;
}
