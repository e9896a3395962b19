package dev.imagegen4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One line of progress on stderr that is rewritten in place, on a terminal only: with output
 * redirected it prints nothing, so logs and tests see only the real lines. Before anything else is
 * printed, {@link #clear()} erases it, so a path on stdout never shares a terminal line with it.
 */
final class StatusLine implements AutoCloseable {
    /** Carriage return, then ANSI "erase to the end of the line". */
    static final String ERASE = "\r\033[K";

    private final @Nullable PrintWriter terminal;
    private final LongSupplier nanoClock;
    private final long started;
    private @Nullable ScheduledExecutorService ticker;
    private @Nullable ScheduledFuture<?> ticking;
    private boolean showing;

    StatusLine(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
        this.terminal = terminal ? err : null;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    /**
     * On stderr when the command runs in a terminal. Java 17 can only tell whether the process has a
     * console at all, so a run with stdout or stdin redirected shows no progress either.
     */
    static StatusLine onStderr(PrintWriter err) {
        return new StatusLine(err, System.console() != null, System::nanoTime);
    }

    /** Shows {@code text}, ending any {@link #tickWhile ticking}. */
    synchronized void show(String text) {
        stopTicking();
        draw(text);
    }

    /**
     * Shows {@code what} followed by the time elapsed since this status line was made, updated every
     * second until the next {@link #show}, {@link #clear} or {@link #close}.
     */
    synchronized void tickWhile(String what) {
        stopTicking();
        if (terminal == null) {
            return;
        }
        tick(what);
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "imagegen-status-line");
                thread.setDaemon(true);
                return thread;
            });
        }
        ticking = ticker.scheduleAtFixedRate(() -> tick(what), 1, 1, TimeUnit.SECONDS);
    }

    /** Shows {@code what} and the elapsed time once; the ticker calls it every second. */
    synchronized void tick(String what) {
        draw(what + " " + elapsed(Duration.ofNanos(nanoClock.getAsLong() - started)));
    }

    /** Erases the line, if one is shown, so that the next output starts on a clean line. */
    synchronized void clear() {
        stopTicking();
        if (terminal != null && showing) {
            terminal.print(ERASE);
            terminal.flush();
            showing = false;
        }
    }

    @Override
    public synchronized void close() {
        clear();
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** {@code 7 s}, {@code 2 m 05 s}: the elapsed time as a person reads it. */
    static String elapsed(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return seconds < 60 ? seconds + " s" : String.format("%d m %02d s", seconds / 60, seconds % 60);
    }

    private void draw(String text) {
        if (terminal != null) {
            terminal.print(ERASE + text);
            terminal.flush();
            showing = true;
        }
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
