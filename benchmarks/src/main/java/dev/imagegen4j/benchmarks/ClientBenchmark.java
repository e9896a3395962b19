package dev.imagegen4j.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same exchange through each client ({@link BenchClient#NAMES}): latency of a small response
 * (one 8x8 PNG), throughput of small responses on 8 threads sharing one client, and the time of a
 * big response (four 7.5 MiB PNGs, 42 MB of JSON).
 *
 * <p>The stub is the one at the system property {@value #URL_PROPERTY} (as {@code run.sh} does, with
 * the stub in its own JVM); without it, each fork starts its own stub in process.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ClientBenchmark {
    /** The stub's base URL. */
    public static final String URL_PROPERTY = "imagegen4j.bench.url";

    @Param({"gptproto-bytes", "gptproto-file", "sdk", "floor-file", "floor-bytes"})
    public String client;

    private StubServer stub;
    private BenchClient bench;

    @Setup
    public void setUp() throws IOException {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            stub = StubServer.start(0);
            url = stub.url();
        }
        bench = BenchClient.create(client, url);
    }

    @TearDown
    public void tearDown() throws IOException {
        bench.close();
        if (stub != null) {
            stub.close();
        }
    }

    /**
     * One small request at a time: the distribution of its latency. The SDK needs about 16 s of
     * requests before its latency settles, hence the long warm-up.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 10, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public long small() throws IOException {
        return bench.fetch(1);
    }

    /**
     * Small requests from 8 threads sharing the client (and its connection pool). On 2 cores the JIT
     * competes with 8 busy threads and the stub: throughput still rose after 20 s, hence 30 s of warm-up.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(8)
    @Warmup(iterations = 15, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public long smallThroughput() throws IOException {
        return bench.fetch(1);
    }

    /** One big response at a time: four images, 30 MiB decoded; two forks, for a median over both. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    @Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public long big() throws IOException {
        return bench.fetch(Bodies.BIG_IMAGES);
    }
}
