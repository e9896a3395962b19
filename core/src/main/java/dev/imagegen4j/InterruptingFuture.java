package dev.imagegen4j;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A future whose {@code cancel(true)} interrupts the thread running its work, which
 * {@link java.util.concurrent.CompletableFuture} alone never does.
 */
final class InterruptingFuture<T> extends java.util.concurrent.CompletableFuture<T> {
    private @Nullable Thread runner;

    void run(Supplier<T> work) {
        synchronized (this) {
            if (isDone()) {
                return;
            }
            runner = Thread.currentThread();
        }
        try {
            complete(work.get());
        } catch (Throwable t) {
            completeExceptionally(t);
        } finally {
            synchronized (this) {
                runner = null;
                // A cancel's interrupt must not reach the next task of this pool thread.
                Thread.interrupted();
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && mayInterruptIfRunning) {
            synchronized (this) {
                if (runner != null) {
                    runner.interrupt();
                }
            }
        }
        return cancelled;
    }
}
