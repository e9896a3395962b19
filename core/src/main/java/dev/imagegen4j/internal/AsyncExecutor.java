package dev.imagegen4j.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The pool behind the default {@code generateAsync}. Generations block on I/O for minutes, which
 * would starve the common fork-join pool, so this pool grows with demand and lets idle threads go.
 */
public final class AsyncExecutor {
    private static final ExecutorService SHARED = create();

    private AsyncExecutor() {
    }

    public static ExecutorService shared() {
        return SHARED;
    }

    /**
     * Runs {@code task} on the shared pool. Unlike {@code CompletableFuture.supplyAsync}, cancelling the
     * returned future interrupts the thread running the task, which is how a provider learns that the
     * caller gave up and can abort its exchange instead of finishing a generation nobody waits for.
     */
    public static <T> CompletableFuture<T> supplyInterruptibly(Supplier<T> task) {
        AtomicReference<@Nullable Thread> runner = new AtomicReference<>();
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                Thread thread = runner.get();
                if (cancelled && thread != null) {
                    thread.interrupt();
                }
                return cancelled;
            }
        };
        SHARED.execute(() -> {
            runner.set(Thread.currentThread());
            try {
                if (!future.isDone()) {
                    future.complete(task.get());
                }
            } catch (Throwable e) {
                future.completeExceptionally(e);
            } finally {
                runner.set(null);
                // An interrupt meant for this task must not reach the next one the pool thread runs.
                Thread.interrupted();
            }
        });
        return future;
    }

    private static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "imagegen4j-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
