package dev.imagegen4j.benchmarks;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Core's fan-out: {@code n=8} of {@value StubServer#SLOW_MODEL}, which makes one image per call, so
 * eight calls, each answered after {@value StubServer#LATENCY_MILLIS} ms, at most
 * {@code concurrency} at once ({@code maxConcurrentCalls}). The ideal is
 * {@code LATENCY_MILLIS × ceil(8 / concurrency)}. One generation per sample ({@code SingleShotTime}).
 * The stub is the one at {@value ClientBenchmark#URL_PROPERTY}, else one started in the fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FanOutBenchmark {
    /** Images asked for in one generation. */
    static final int IMAGES = 8;

    @Param({"1", "4", "8"})
    public int concurrency;

    private StubServer stub;
    private ImageGenerator generator;
    private final ImageRequest request = ImageRequest.builder(Bodies.PROMPT).model(StubServer.SLOW_MODEL)
            .count(IMAGES).build();

    @Setup
    public void setUp() throws IOException {
        String url = System.getProperty(ClientBenchmark.URL_PROPERTY);
        if (url == null) {
            stub = StubServer.start(0);
            url = stub.url();
        }
        ProviderConfig config = ProviderConfig.builder().apiKey("k").baseUrl(URI.create(url))
                .environment(Map.of()).systemProperties(Map.of()).build();
        generator = ImageGenerator.builder(ImageProviders.get("gptproto")).config(config)
                .maxConcurrentCalls(concurrency).build();
    }

    @TearDown
    public void tearDown() throws IOException {
        generator.close();
        if (stub != null) {
            stub.close();
        }
    }

    @Benchmark
    public int generate() {
        ImageResponse response = generator.generate(request);
        if (response.images().size() != IMAGES) {
            throw new IllegalStateException(response.images().size() + " images, not " + IMAGES);
        }
        return response.images().size();
    }

    /** The least time the generation can take at {@code concurrency}, in ms. */
    static double ideal(int concurrency) {
        return StubServer.LATENCY_MILLIS * Math.ceil((double) IMAGES / concurrency);
    }
}
