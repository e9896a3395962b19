package dev.imagegen4j.mock;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.mock.internal.MockPlan;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The mock provider's backend: draws each image of a call, writes it into the caller's storage, and
 * applies the latency and faults its {@link MockBehavior} scripts. Thread-safe; holds no resources.
 */
final class MockBackend implements ImageBackend {
    private final MockBehavior behavior;
    private final AtomicLong requests = new AtomicLong();

    MockBackend(MockBehavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public ProviderResult generate(ProviderCall call) {
        String requestId = String.format(Locale.ROOT, "req_mock_%08d", requests.incrementAndGet());
        awaitLatencyAndFaults(requestId);
        MockPlan plan = MockPlan.of(call.request(), MockImageProvider.ID, call.count(), call.streaming(),
                !MockImageProvider.BILLED_PER_IMAGE.contains(call.model().id()));
        ProviderResult.Builder result = ProviderResult.builder()
                .created(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .size(plan.size().text())
                .quality(call.model().qualities().isEmpty() ? null : plan.quality().id())
                .background(plan.backgroundName())
                .outputFormat(plan.formatName())
                .usage(plan.usage())
                .requestId(requestId);
        for (int index = 0; index < plan.count(); index++) {
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled(requestId, null);
            }
            for (int partial = 0; partial < plan.partialImages(); partial++) {
                call.emit(new ImageEvent.PartialImage(index, partial,
                        GeneratedImage.ofBytes(plan.renderPartial(index, partial))));
            }
            GeneratedImage image = store(call, plan.render(index), requestId);
            call.emit(new ImageEvent.Completed(index, image));
            result.addImage(image);
        }
        return result.build();
    }

    private static GeneratedImage store(ProviderCall call, byte[] bytes, String requestId) {
        try (ImageSink sink = call.newSink()) {
            sink.write(bytes);
            return sink.finish();
        } catch (IOException e) {
            throw new ProviderResponseException("Cannot store the mock image: " + e.getMessage(),
                    ErrorDetails.of(MockImageProvider.ID).withRequestId(requestId), e);
        }
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
            throw cancelled(requestId, e);
        }
        if (timesOut) {
            fault = MockFault.TIMEOUT;
        }
        if (fault != null) {
            throw fault.toException(requestId, behavior.retryAfter(), timeout);
        }
    }

    private static GenerationCancelledException cancelled(String requestId, @Nullable Throwable cause) {
        return new GenerationCancelledException("The mock generation was interrupted",
                ErrorDetails.of(MockImageProvider.ID).withRequestId(requestId), cause);
    }

    /** Holds nothing to release. */
    @Override
    public void close() {
    }
}
