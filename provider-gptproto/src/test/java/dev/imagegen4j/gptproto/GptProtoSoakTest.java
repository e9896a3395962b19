package dev.imagegen4j.gptproto;

import static dev.imagegen4j.openai.testing.WireBodies.completedEvent;
import static dev.imagegen4j.gptproto.GptProtoStubs.fixture;
import static dev.imagegen4j.openai.testing.WireBodies.imagesJson;
import static dev.imagegen4j.openai.testing.WireBodies.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.GenerationTimeoutException;
import dev.imagegen4j.ImageGenerationException;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.PermissionDeniedException;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.ProviderUnavailableException;
import dev.imagegen4j.RateLimitException;
import dev.imagegen4j.gptproto.internal.GptProtoClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A soak on loopback: several threads make a few thousand generations through one generator against a
 * raw-socket server that answers each attempt with a success or a fault (a reset, a connection dropped
 * without an answer, a body cut short, a body or headers stalled past the response timeout, a 429 with
 * {@code Retry-After}, a 5xx, and a few that must not be retried). The fault sequence of each call is
 * fixed by its prompt, so the test knows the outcome and the number of attempts the retry policy allows,
 * and the server counts the attempts it saw per prompt. Retry waits are recorded, never slept.
 *
 * <p>Bounded: {@value #DEFAULT_CALLS} calls (system property {@code soak.calls}), and no new call starts
 * after {@value #DEFAULT_SECONDS} s (system property {@code soak.seconds}); e.g.
 * {@code mvn test -pl provider-gptproto -Dtest=GptProtoSoakTest -Dsoak.calls=100000 -Dsoak.seconds=600}.
 */
class GptProtoSoakTest {
    private static final int DEFAULT_CALLS = 3_000;
    private static final int DEFAULT_SECONDS = 45;
    private static final int THREADS = 8;
    private static final int MAX_RETRIES = 2;
    private static final long HEAP_MARGIN = 32L * 1024 * 1024;

    /** What the server does with one attempt. */
    enum Fault {
        SUCCESS(45, Outcome.SUCCESS),
        // Both after the whole request was read: it may have been billed, so neither is retried.
        RESET(8, Outcome.FINAL),
        DROPPED(5, Outcome.FINAL),
        RATE_LIMITED(12, Outcome.RETRY),
        SERVER_ERROR(12, Outcome.RETRY),
        TRUNCATED(7, Outcome.FINAL),
        SLOW_BODY(3, Outcome.FINAL),
        SLOW_HEADERS(2, Outcome.FINAL),
        RATE_LIMITED_TOO_LONG(2, Outcome.FINAL),
        QUOTA_EXCEEDED(2, Outcome.FINAL),
        SERVER_ERROR_NO_RETRY(2, Outcome.FINAL);

        enum Outcome { SUCCESS, RETRY, FINAL }

        final int weight;
        final Outcome outcome;

        Fault(int weight, Outcome outcome) {
            this.weight = weight;
            this.outcome = outcome;
        }

        /** The exception type a call ends with when this is its last attempt. */
        Class<? extends ImageGenerationException> failure() {
            return switch (this) {
                case SUCCESS -> throw new IllegalStateException("a success is no failure");
                case RESET, DROPPED, SERVER_ERROR, SERVER_ERROR_NO_RETRY -> ProviderUnavailableException.class;
                case RATE_LIMITED, RATE_LIMITED_TOO_LONG -> RateLimitException.class;
                case TRUNCATED -> ProviderResponseException.class;
                case SLOW_BODY, SLOW_HEADERS -> GenerationTimeoutException.class;
                case QUOTA_EXCEEDED -> PermissionDeniedException.class;
            };
        }

        /** The faults of the attempts of call {@code index}: always enough for every attempt the policy allows. */
        static List<Fault> planFor(long index) {
            SplittableRandom random = new SplittableRandom(0x50A4L * 31 + index);
            int total = 0;
            for (Fault fault : values()) {
                total += fault.weight;
            }
            List<Fault> plan = new ArrayList<>();
            for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
                int pick = random.nextInt(total);
                for (Fault fault : values()) {
                    pick -= fault.weight;
                    if (pick < 0) {
                        plan.add(fault);
                        break;
                    }
                }
            }
            return plan;
        }
    }

    /** What the policy makes of a plan: the attempts it takes and how the call ends. */
    private record Expected(int attempts, Fault last) {
        static Expected of(List<Fault> plan) {
            for (int attempt = 0; ; attempt++) {
                Fault fault = plan.get(attempt);
                if (fault.outcome != Fault.Outcome.RETRY || attempt == MAX_RETRIES) {
                    return new Expected(attempt + 1, fault);
                }
            }
        }
    }

    private record Mismatch(String prompt, String what) {
    }

    @Test
    void soaksWithoutLeakingAndRetriesExactlyAsThePolicySays() throws Exception {
        int calls = Integer.getInteger("soak.calls", DEFAULT_CALLS);
        Duration limit = Duration.ofSeconds(Integer.getInteger("soak.seconds", DEFAULT_SECONDS));
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        long heapBefore = usedHeapAfterGc();

        AtomicInteger next = new AtomicInteger();
        AtomicLong retries = new AtomicLong();
        Map<String, Integer> retriesByPrompt = new ConcurrentHashMap<>();
        // The class each call ended with (Success.class for a success): exceptions themselves would hold the heap.
        Map<String, Class<? extends Throwable>> outcomes = new ConcurrentHashMap<>();
        List<Throwable> untyped = new java.util.concurrent.CopyOnWriteArrayList<>();
        ThreadLocal<int[]> sleeps = ThreadLocal.withInitial(() -> new int[1]);
        long leasedAfterCalls;
        long pendingAfterCalls;
        long started = System.nanoTime();
        FaultServer server = new FaultServer();
        ExecutorService callers = Executors.newFixedThreadPool(THREADS, named("soak-caller-"));
        try {
            // response-timeout is an overall deadline per attempt: long enough for a loaded machine to finish a
            // whole fast exchange, short enough for the stalls to pass it quickly.
            ProviderConfig config = GptProtoStubs.config(server.baseUrl(), "max-retries", Integer.toString(MAX_RETRIES),
                    "response-timeout", "400ms", "connect-timeout", "5s", "max-connections", "16");
            GptProtoClient[] client = new GptProtoClient[1];
            try (ImageGenerator generator = ImageGenerator.create(GptProtoStubs.provider(delay -> {
                sleeps.get()[0]++;
                retries.incrementAndGet();
            }, Clock.systemUTC(), opened -> client[0] = opened), config)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(callers.submit(() -> {
                        for (int index = next.getAndIncrement(); index < calls
                                && System.nanoTime() - started < limit.toNanos(); index = next.getAndIncrement()) {
                            String prompt = "soak " + index;
                            sleeps.get()[0] = 0;
                            ImageRequest request = ImageRequest.builder(prompt).build();
                            Class<? extends Throwable> outcome = Success.class;
                            try {
                                if (index % 5 == 0) {
                                    generator.stream(request, event -> { });
                                } else {
                                    generator.generate(request);
                                }
                            } catch (ImageGenerationException e) {
                                outcome = e.getClass();
                            } catch (Throwable e) {
                                outcome = e.getClass();
                                untyped.add(e);
                            }
                            outcomes.put(prompt, outcome);
                            retriesByPrompt.put(prompt, sleeps.get()[0]);
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    // Bounded: the calls stop by themselves within the soak's time limit plus one response timeout.
                    worker.get(limit.toSeconds() + 60, TimeUnit.SECONDS);
                }
                leasedAfterCalls = client[0].poolStats().getLeased();
                pendingAfterCalls = client[0].poolStats().getPending();
            }
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(30, TimeUnit.SECONDS);
            server.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<Mismatch> mismatches = new ArrayList<>();
        Map<Fault, Integer> endings = new EnumMap<>(Fault.class);
        for (Map.Entry<String, Class<? extends Throwable>> entry : outcomes.entrySet()) {
            String prompt = entry.getKey();
            Expected expected = Expected.of(Fault.planFor(Long.parseLong(prompt.substring("soak ".length()))));
            endings.merge(expected.last(), 1, Integer::sum);
            Class<? extends Throwable> outcome = entry.getValue();
            int attempts = server.attempts(prompt);
            if (attempts != expected.attempts()) {
                mismatches.add(new Mismatch(prompt, "server saw " + attempts + " attempts, the policy allows "
                        + expected.attempts() + " for " + Fault.planFor(Long.parseLong(prompt.substring(5)))));
            }
            if (retriesByPrompt.get(prompt) != expected.attempts() - 1) {
                mismatches.add(new Mismatch(prompt, "waited " + retriesByPrompt.get(prompt) + " times before retrying, "
                                + "expected " + (expected.attempts() - 1)));
            }
            boolean ok = expected.last() == Fault.SUCCESS ? outcome == Success.class
                    : expected.last().failure().isAssignableFrom(outcome);
            if (!ok) {
                mismatches.add(new Mismatch(prompt, "ended with " + outcome.getSimpleName() + " where the plan " + Fault.planFor(
                        Long.parseLong(prompt.substring(5))) + " ends in " + expected.last()));
            }
        }
        int callCount = outcomes.size();
        long attemptsSeen = outcomes.keySet().stream().mapToLong(server::attempts).sum();
        outcomes.clear();
        retriesByPrompt.clear();
        List<Thread> leftThreads = threadsLeftBehind(threadsBefore);
        long heapAfter = usedHeapAfterGc();

        System.out.printf(Locale.ROOT, "soak: %d calls in %d ms on %d threads, %d requests served, %d retries%n",
                callCount, took.toMillis(), THREADS, server.requests(), retries.get());
        System.out.printf(Locale.ROOT, "soak: faults served per attempt: %s%n", server.served());
        System.out.printf(Locale.ROOT, "soak: calls ending in each way: %s%n", endings);
        System.out.printf(Locale.ROOT, "soak: leaks: %d connections leased, %d pending, %d threads left, heap %+d KiB "
                        + "(%d KiB before, %d KiB after); %d calls ended outside the policy, %d untyped failures%n",
                leasedAfterCalls, pendingAfterCalls, leftThreads.size(), (heapAfter - heapBefore) / 1024,
                heapBefore / 1024, heapAfter / 1024, mismatches.size(), untyped.size());

        assertThat(callCount).as("calls made").isGreaterThanOrEqualTo(Math.min(calls, 200));
        assertThat(untyped).as("failures that are not ImageGenerationExceptions").isEmpty();
        assertThat(mismatches).as("calls whose attempts or ending differ from the retry policy").isEmpty();
        assertThat(server.requests()).as("requests served").isEqualTo(attemptsSeen);
        assertThat(leasedAfterCalls).as("connections still leased").isZero();
        assertThat(pendingAfterCalls).as("requests still waiting for a connection").isZero();
        assertThat(leftThreads).as("threads left running after close()").isEmpty();
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(HEAP_MARGIN);
        for (Fault fault : Fault.values()) {
            assertThat(server.served().get(fault)).as("attempts served with %s", fault).isPositive();
        }
    }

    /** Stands for a success among the classes calls ended with. */
    private static final class Success extends Throwable {
        private static final long serialVersionUID = 1L;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /**
     * The threads started since {@code before} that are still alive, each given a bounded while to end
     * (closing a pool is asynchronous), not counting the JVM's own and the common pool's.
     */
    private static List<Thread> threadsLeftBehind(Set<Thread> before) throws InterruptedException {
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);
        List<Thread> left = new ArrayList<>();
        for (Thread thread : started) {
            String name = thread.getName();
            if (name.startsWith("ForkJoinPool.commonPool") || name.equals("Common-Cleaner")
                    || name.equals("Attach Listener") || name.startsWith("process reaper")) {
                continue;
            }
            thread.join(10_000);
            if (thread.isAlive()) {
                left.add(thread);
            }
        }
        return left;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * An HTTP/1.1 server on raw sockets, so that it can reset connections and cut or stall bodies: each
     * attempt of a call (told apart by its prompt) gets the next fault of {@link Fault#planFor the call's plan}.
     * Connections are kept alive after whole responses and closed after faults.
     */
    private static final class FaultServer implements AutoCloseable {
        private final ServerSocket socket;
        private final ExecutorService connections = Executors.newCachedThreadPool(named("soak-server-"));
        private final Thread acceptor;
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Map<Fault, AtomicLong> served = new EnumMap<>(Fault.class);
        private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
        private final AtomicLong requests = new AtomicLong();
        private final byte[] json = imagesJson(png(32, 32, 2_000, 1)).getBytes(StandardCharsets.UTF_8);
        private final byte[] events = completedEvent(png(32, 32, 2_000, 2)).getBytes(StandardCharsets.UTF_8);
        private final byte[] rateLimited = fixture("error-429-rate-limit.json").getBytes(StandardCharsets.UTF_8);
        private final byte[] serverError = fixture("error-500-server-error.json").getBytes(StandardCharsets.UTF_8);
        private final byte[] quota = ("{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":"
                + "\"insufficient_quota\",\"code\":\"insufficient_quota\"}}").getBytes(StandardCharsets.UTF_8);

        FaultServer() throws IOException {
            for (Fault fault : Fault.values()) {
                served.put(fault, new AtomicLong());
            }
            socket = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "soak-server-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int attempts(String prompt) {
            AtomicInteger count = attempts.get(prompt);
            return count == null ? 0 : count.get();
        }

        long requests() {
            return requests.get();
        }

        Map<Fault, Long> served() {
            Map<Fault, Long> counts = new EnumMap<>(Fault.class);
            served.forEach((fault, count) -> counts.put(fault, count.get()));
            return counts;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    open.add(connection);
                    connections.execute(() -> serve(connection));
                } catch (IOException e) {
                    // Closed.
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                // Bounded: a client that neither sends nor hangs up is dropped.
                connection.setSoTimeout(30_000);
                connection.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = new java.io.BufferedOutputStream(connection.getOutputStream());
                while (true) {
                    Map<String, String> headers = new ConcurrentHashMap<>();
                    if (!readHead(in, headers)) {
                        return;
                    }
                    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                    String prompt = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject()
                            .get("prompt").getAsString();
                    int attempt = attempts.computeIfAbsent(prompt, p -> new AtomicInteger()).incrementAndGet();
                    requests.incrementAndGet();
                    Fault fault = Fault.planFor(Long.parseLong(prompt.substring("soak ".length()))).get(attempt - 1);
                    served.get(fault).incrementAndGet();
                    boolean stream = headers.getOrDefault("accept", "").contains("event-stream");
                    if (!answer(fault, stream, connection, in, out)) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client hung up, or a fault ended the connection.
            } finally {
                open.remove(connection);
            }
        }

        /** Answers one attempt; {@code false} when the connection is over. */
        private boolean answer(Fault fault, boolean stream, Socket connection, InputStream in, OutputStream out)
                throws IOException {
            byte[] success = stream ? events : json;
            String successType = stream ? "text/event-stream; charset=utf-8" : "application/json";
            switch (fault) {
                case SUCCESS -> respond(out, 200, successType, success, "");
                case RATE_LIMITED -> respond(out, 429, "application/json", rateLimited, "retry-after-ms: 5\r\n");
                case RATE_LIMITED_TOO_LONG -> respond(out, 429, "application/json", rateLimited, "retry-after: 600\r\n");
                case QUOTA_EXCEEDED -> respond(out, 429, "application/json", quota, "retry-after: 1\r\n");
                case SERVER_ERROR -> respond(out, 502 + (int) (requests.get() % 3), "application/json", serverError, "");
                case SERVER_ERROR_NO_RETRY -> respond(out, 500, "application/json", serverError, "x-should-retry: false\r\n");
                case RESET -> {
                    connection.setSoLinger(true, 0);
                    connection.close();
                    return false;
                }
                case DROPPED -> {
                    return false;
                }
                case TRUNCATED -> {
                    writeHead(out, 200, successType, success.length, "");
                    out.write(success, 0, success.length / 2);
                    out.flush();
                    return false;
                }
                case SLOW_BODY -> {
                    writeHead(out, 200, successType, success.length, "");
                    out.write(success, 0, success.length / 3);
                    out.flush();
                    awaitHangUp(in);
                    return false;
                }
                case SLOW_HEADERS -> {
                    awaitHangUp(in);
                    return false;
                }
                default -> throw new IllegalStateException(fault.name());
            }
            return true;
        }

        /** Blocks until the client gives up on the attempt and closes the connection (or 30 s pass). */
        private static void awaitHangUp(InputStream in) throws IOException {
            while (in.read() >= 0) {
                // Nothing more is expected from the client.
            }
        }

        private static void respond(OutputStream out, int status, String type, byte[] body, String extraHeaders)
                throws IOException {
            writeHead(out, status, type, body.length, extraHeaders);
            out.write(body);
            out.flush();
        }

        private static void writeHead(OutputStream out, int status, String type, int length, String extraHeaders)
                throws IOException {
            out.write(("HTTP/1.1 " + status + " Soak\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                    + "\r\nx-request-id: req_soak\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** Reads a request line and headers; {@code false} at the end of the connection. */
        private static boolean readHead(InputStream in, Map<String, String> headers) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean first = true;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return false;
                }
                if (c != '\n') {
                    if (c != '\r') {
                        line.write(c);
                    }
                    continue;
                }
                String text = line.toString(StandardCharsets.US_ASCII);
                line.reset();
                if (text.isEmpty()) {
                    return !first;
                }
                if (!first) {
                    int colon = text.indexOf(':');
                    headers.put(text.substring(0, colon).strip().toLowerCase(Locale.ROOT), text.substring(colon + 1).strip());
                }
                first = false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : open) {
                connection.close();
            }
            connections.shutdownNow();
            try {
                acceptor.join(10_000);
                if (!connections.awaitTermination(30, TimeUnit.SECONDS)) {
                    throw new UncheckedIOException(new IOException("the soak server's connections did not end"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
