package dev.imagegen4j.mock;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.mock.internal.MockPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The mock provider's generator: real, decodable PNG, JPEG and WebP images of exactly the requested
 * size, drawn from the request so that the same request always gives the same bytes, on any JVM.
 * Thread-safe.
 *
 * <p>It behaves like the real provider wherever no network is needed: the same model catalog and
 * validation, {@code auto} settings resolved as the models resolve them (1024x1024, medium quality,
 * opaque, PNG), usage computed from the prompt, size and quality, streaming of partial images, and
 * the failures its {@link #behavior() behavior} scripts. The request option {@code seed} varies the
 * images of otherwise identical requests.
 */
public final class MockImageGenerator implements ImageGenerator {
    private final ModelCatalog catalog;
    private final MockBehavior behavior;
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    MockImageGenerator(ModelCatalog catalog, MockBehavior behavior) {
        this.catalog = catalog;
        this.behavior = behavior;
    }

    /** The faults and latency this generator applies; change them at any time. */
    public MockBehavior behavior() {
        return behavior;
    }

    @Override
    public ImageResponse generate(ImageRequest request) {
        return run(request, null);
    }

    @Override
    public ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        return run(request.toBuilder().stream(true).build(), listener);
    }

    private ImageResponse run(ImageRequest request, @Nullable Consumer<? super ImageEvent> listener) {
        if (closed) {
            throw new IllegalStateException("this mock generator is closed");
        }
        // Through the catalog, which reports a blank model id as a violation rather than failing on it.
        List<String> warnings = catalog.validate(request).throwIfInvalid(MockImageProvider.ID);
        ModelSpec spec = catalog.specFor(request.model());
        String requestId = String.format(Locale.ROOT, "req_mock_%08d", requests.incrementAndGet());
        awaitLatencyAndFaults(requestId);

        MockPlan plan = MockPlan.of(request, spec.id());
        ImageResponse.Builder response = ImageResponse.builder(MockImageProvider.ID, spec.id())
                .created(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .size(plan.size().wireName())
                .quality(plan.quality().wireName())
                .background(plan.backgroundName())
                .outputFormat(plan.formatName())
                .usage(plan.usage())
                .requestId(requestId)
                .addWarnings(warnings);
        for (int index = 0; index < plan.count(); index++) {
            if (listener != null) {
                for (int partial = 0; partial < plan.partialImages(); partial++) {
                    listener.accept(new ImageEvent.PartialImage(index, partial,
                            GeneratedImage.ofBytes(plan.renderPartial(index, partial))));
                }
            }
            GeneratedImage image = GeneratedImage.ofBytes(plan.render(index));
            if (listener != null) {
                listener.accept(new ImageEvent.Completed(index, image));
            }
            response.addImage(image);
        }
        return response.build();
    }

    private void awaitLatencyAndFaults(String requestId) {
        Duration latency = behavior.latency();
        Duration timeout = behavior.timeout();
        MockFault fault = behavior.takeFault();
        boolean timesOut = latency.compareTo(timeout) > 0;
        try {
            Thread.sleep(timesOut ? timeout.toMillis() : latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MockFault.TIMEOUT.toException(requestId, behavior.retryAfter(), timeout);
        }
        if (timesOut) {
            fault = MockFault.TIMEOUT;
        }
        if (fault != null) {
            throw fault.toException(requestId, behavior.retryAfter(), timeout);
        }
    }

    /** Marks the generator closed; it holds no resources. */
    @Override
    public void close() {
        closed = true;
    }
}
