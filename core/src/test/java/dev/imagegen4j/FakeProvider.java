package dev.imagegen4j;

import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A test provider whose backend records every call and writes real PNGs into {@link ProviderCall#newSink()}.
 * Image {@code i} of a call is {@code (1 + seed + i)} pixels wide (seed 0 when unset), so a test can tell
 * which image of a split request it is; when streaming, each image is preceded by one partial image.
 */
class FakeProvider implements ImageProvider {
    static final String ID = "fake";
    static final Usage USAGE = new Usage(1, Usage.TokenDetails.NONE, 2, Usage.TokenDetails.NONE, 3);

    /** What a call does before making its images: block, fail, count; may throw. */
    @FunctionalInterface
    interface Step {
        void during(ProviderCall call) throws Exception;
    }

    private final ModelCatalog catalog;
    final Backend backend = new Backend();

    FakeProvider(ModelSpec... specs) {
        this.catalog = ModelCatalog.of(specs[0].id(), List.of(specs));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelCatalog models() {
        return catalog;
    }

    @Override
    public ImageBackend open(ProviderConfig config) {
        return backend;
    }

    /** Real PNG bytes, the same array for the same size. */
    static byte[] png(int width, int height) {
        return PNGS.computeIfAbsent(width * 10_000 + height, key -> TestImages.png(width, height)).clone();
    }

    private static final Map<Integer, byte[]> PNGS = new ConcurrentHashMap<>();

    static final class Backend implements ImageBackend {
        final List<ProviderCall> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        volatile Step step = call -> { };
        volatile Function<ProviderCall, @Nullable Usage> usage = call -> USAGE;
        volatile List<Warning> warnings = List.of();

        @Override
        public ProviderResult generate(ProviderCall call) {
            calls.add(call);
            threads.add(Thread.currentThread());
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                step.during(call);
                ProviderResult.Builder result = ProviderResult.builder().usage(usage.apply(call))
                        .requestId("req-" + calls.size()).size("reported");
                warnings.forEach(result::addWarning);
                long seed = call.request().seed() == null ? 0 : call.request().seed();
                for (int i = 0; i < call.count(); i++) {
                    byte[] bytes = png((int) (1 + seed + i), 2);
                    if (call.streaming()) {
                        call.emit(new ImageEvent.PartialImage(i, 0, GeneratedImage.ofBytes(bytes)));
                    }
                    ImageSink sink = call.newSink();
                    sink.write(bytes);
                    GeneratedImage image = sink.finish();
                    if (call.streaming()) {
                        call.emit(new ImageEvent.Completed(i, image));
                    }
                    result.addImage(image);
                }
                completed.incrementAndGet();
                return result.build();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                // As a well-behaved provider does: keep the interrupt status, throw the library's exception.
                Thread.currentThread().interrupt();
                throw new GenerationCancelledException("the fake call was interrupted", ErrorDetails.of(ID), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
