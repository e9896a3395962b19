package dev.imagegen4j.http;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Aborts an exchange when its deadline passes or its calling thread is interrupted. Blocking classic
 * I/O ignores {@link Thread#interrupt()} and a per-read socket timeout lets a server that trickles a
 * byte a second go on forever, so one shared daemon thread looks at every exchange in flight a few
 * times a second and aborts it from outside.
 */
final class Watchdog {
    /** How often an exchange is looked at: the latency of an abort after an interrupt or a deadline. */
    static final long TICK_MILLIS = 50;

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "imagegen4j-http-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        // No thread stays behind while nothing is in flight.
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** Why an exchange was aborted. */
    enum Reason { NONE, DEADLINE, INTERRUPTED }

    /**
     * Watches the current thread's exchange until {@link Watch#close()}; {@code abort} runs at most once,
     * on the watchdog's thread.
     */
    static Watch watch(long deadlineNanos, Runnable abort) {
        return new Watch(Thread.currentThread(), deadlineNanos, abort);
    }

    static final class Watch implements AutoCloseable {
        private final Thread caller;
        private final Runnable abort;
        private final AtomicBoolean fired = new AtomicBoolean();
        private final ScheduledFuture<?> tick;
        private volatile long deadlineNanos;
        private volatile Reason reason = Reason.NONE;

        private Watch(Thread caller, long deadlineNanos, Runnable abort) {
            this.caller = caller;
            this.abort = abort;
            this.deadlineNanos = deadlineNanos;
            this.tick = TIMER.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** Moves the deadline, e.g. to count from the moment the request starts being sent. */
        void deadline(long nanos) {
            deadlineNanos = nanos;
        }

        /** Why the exchange was aborted; {@link Reason#NONE} if it was not. */
        Reason reason() {
            if (reason == Reason.NONE && caller.isInterrupted()) {
                // The interrupt came before the watchdog's next look.
                return Reason.INTERRUPTED;
            }
            return reason;
        }

        private void check() {
            if (caller.isInterrupted()) {
                fire(Reason.INTERRUPTED);
            } else if (System.nanoTime() - deadlineNanos > 0) {
                fire(Reason.DEADLINE);
            }
        }

        private synchronized void fire(Reason why) {
            if (fired.compareAndSet(false, true)) {
                reason = why;
                tick.cancel(false);
                abort.run();
            }
        }

        /**
         * Stops watching. Synchronized with {@link #fire}: an abort under way finishes (its connection
         * released to the pool) before the caller goes on.
         */
        @Override
        public synchronized void close() {
            fired.set(true);
            tick.cancel(false);
        }
    }
}
