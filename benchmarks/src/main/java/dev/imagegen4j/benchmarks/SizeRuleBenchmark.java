package dev.imagegen4j.benchmarks;

import dev.imagegen4j.ImageSize;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.openai.GptImageModels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per call of gpt-image-2's size lookups: {@code nearest}, which walks about 480 candidate sizes,
 * against one {@code resolve} of an exact size, its own baseline in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SizeRuleBenchmark {
    private final SizeRule rule = GptImageModels.catalog().specFor("gpt-image-2").sizes();
    private final ImageSize exact = ImageSize.of(1536, 1024);
    private final ImageSize ratio = ImageSize.ratio(21, 9);

    @Benchmark
    public ImageSize nearest() {
        return rule.nearest(21, 9, 4_000_000);
    }

    @Benchmark
    public ImageSize resolveAspectRatio() {
        return rule.resolve(ratio, "gpt-image-2", false).size();
    }

    @Benchmark
    public ImageSize resolveExact() {
        return rule.resolve(exact, "gpt-image-2", false).size();
    }
}
