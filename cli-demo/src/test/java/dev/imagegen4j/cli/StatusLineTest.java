package dev.imagegen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private final StringWriter written = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    private StatusLine statusLine(boolean terminal) {
        return new StatusLine(new PrintWriter(written), terminal, clock::get);
    }

    @Test
    void rewritesItsLineInPlaceAndErasesItBeforeOtherOutput() {
        try (StatusLine status = statusLine(true)) {
            status.show("image 1/2: partial 1/2 received");
            status.clear();
            written.write("/tmp/out/fox-1.partial-1.png\n");
            status.show("image 1/2: done");
        }

        assertThat(written.toString()).isEqualTo("\r\033[Kimage 1/2: partial 1/2 received\r\033[K"
                + "/tmp/out/fox-1.partial-1.png\n\r\033[Kimage 1/2: done\r\033[K");
    }

    @Test
    void showsTheTimeElapsedSinceItStarted() {
        try (StatusLine status = statusLine(true)) {
            clock.addAndGet(Duration.ofSeconds(7).toNanos());
            status.tick("generating the image...");
            clock.addAndGet(Duration.ofSeconds(120).toNanos());
            status.tick("generating the image...");
        }

        assertThat(written.toString()).isEqualTo("\r\033[Kgenerating the image... 7 s"
                + "\r\033[Kgenerating the image... 2 m 07 s\r\033[K");
    }

    @Test
    void ticksOnATerminalUntilTheNextLine() throws InterruptedException {
        try (StatusLine status = new StatusLine(new PrintWriter(written), true, System::nanoTime)) {
            status.tickWhile("waiting...");
            Thread.sleep(1_500);
            status.show("done");
        }

        assertThat(written.toString()).startsWith("\r\033[Kwaiting... 0 s\r\033[Kwaiting... 1 s")
                .endsWith("\r\033[Kdone\r\033[K");
    }

    @Test
    void printsNothingWhenNotOnATerminal() {
        try (StatusLine status = statusLine(false)) {
            status.tickWhile("waiting...");
            status.show("image 1/1: done");
            status.clear();
        }

        assertThat(written.toString()).isEmpty();
    }
}
