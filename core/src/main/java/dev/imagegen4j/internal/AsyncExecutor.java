package dev.imagegen4j.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "imagegen4j-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
