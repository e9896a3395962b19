package dev.imagegen4j.benchmarks;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockImageProvider;
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
 * Images per second from the mock provider, by size and format. Read the figures as ratios against
 * the 1024x1024 PNG of the same run, which is what a default request produces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MockImageBenchmark {
    @Param({"1024x1024", "3840x2160"})
    public String size;

    @Param({"png", "jpeg", "webp"})
    public String format;

    private ImageGenerator generator;
    private ImageRequest request;
    private int counter;

    @Setup
    public void setUp() {
        generator = ImageGenerator.create(new MockImageProvider(), ProviderConfig.builder()
                .environment(Map.of()).systemProperties(Map.of()).build());
        request = ImageRequest.builder("a lighthouse at dusk").model("gpt-image-2").size(ImageSize.parse(size))
                .outputFormat(OutputFormat.parse(format)).build();
    }

    @TearDown
    public void tearDown() {
        generator.close();
    }

    @Benchmark
    public ImageResponse generate() {
        // A new prompt each time, so no call can reuse another's work.
        return generator.generate(request.toBuilder().prompt("a lighthouse at dusk " + counter++).build());
    }
}
