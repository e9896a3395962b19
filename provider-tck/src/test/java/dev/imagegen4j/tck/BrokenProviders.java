package dev.imagegen4j.tck;

import com.example.solid.SolidColorProvider;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Providers that each break one promise, to prove the kit notices. Each wraps the example provider and
 * changes the call its backend sees, as a real provider's bug would: after core validated the request.
 */
final class BrokenProviders {
    /** Calls served by every broken backend, the I/O their kits report. */
    static final AtomicLong CALLS = new AtomicLong();

    private BrokenProviders() {
    }

    /** The example provider under another id, with {@link #change} between core and its backend. */
    abstract static class Broken implements ImageProvider {
        private final String id;
        private final UnaryOperator<ImageRequest> changeRequest;

        Broken(String id, UnaryOperator<ImageRequest> changeRequest) {
            this.id = id;
            this.changeRequest = changeRequest;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ModelCatalog models() {
            return new SolidColorProvider().models();
        }

        @Override
        public ImageBackend open(ProviderConfig config) {
            ImageBackend delegate = new SolidColorProvider().open(config);
            return new ImageBackend() {
                @Override
                public ProviderResult generate(ProviderCall call) {
                    CALLS.incrementAndGet();
                    return delegate.generate(change(call, config));
                }

                @Override
                public void close() {
                    delegate.close();
                }
            };
        }

        /** The call the example's backend gets instead of {@code call}: by default, with the changed request. */
        ProviderCall change(ProviderCall call, ProviderConfig config) {
            return new ChangedCall(call, changeRequest.apply(call.request()));
        }
    }

    /** A call that passes everything on, with another request and, if overridden, other sinks. */
    static class ChangedCall implements ProviderCall {
        private final ProviderCall call;
        private final ImageRequest request;

        ChangedCall(ProviderCall call, ImageRequest request) {
            this.call = call;
            this.request = request;
        }

        @Override
        public ImageRequest request() {
            return request;
        }

        @Override
        public ModelSpec model() {
            return call.model();
        }

        @Override
        public int count() {
            return request.count() == null ? 1 : request.count();
        }

        @Override
        public boolean streaming() {
            return call.streaming();
        }

        @Override
        public Map<String, Object> extras() {
            return call.extras();
        }

        @Override
        public ImageSink newSink() throws IOException {
            return call.newSink();
        }

        @Override
        public void emit(ImageEvent event) {
            call.emit(event);
        }
    }

    /** Makes one image whatever the count asks for. */
    public static final class IgnoresCount extends Broken {
        public IgnoresCount() {
            super("broken-count", request -> request.toBuilder().count(null).build());
        }
    }

    /** Makes the default size whatever size is asked for. */
    public static final class IgnoresSize extends Broken {
        public IgnoresSize() {
            super("broken-size", request -> request.toBuilder().size(null).build());
        }
    }

    /** Answers squares whatever aspect ratio is asked for. */
    public static final class IgnoresAspectRatio extends Broken {
        public IgnoresAspectRatio() {
            super("broken-ratio", request -> request.toBuilder().size(ImageSize.ratio(1, 1)).build());
        }
    }

    /** Never sends the seed. */
    public static final class IgnoresSeed extends Broken {
        public IgnoresSeed() {
            super("broken-seed", request -> request.toBuilder().seed(null).build());
        }
    }

    /** Never sends the negative prompt. */
    public static final class IgnoresNegativePrompt extends Broken {
        public IgnoresNegativePrompt() {
            super("broken-negative", request -> request.toBuilder().negativePrompt(null).build());
        }
    }

    /** Never sends the reference images. */
    public static final class IgnoresReferenceImages extends Broken {
        public IgnoresReferenceImages() {
            super("broken-images", request -> request.toBuilder().images(List.of()).build());
        }
    }

    /**
     * Keeps every image in memory whatever storage the caller chose, as a provider that makes its images
     * with {@code GeneratedImage.ofBytes} instead of {@code call.newSink()} does.
     */
    public static final class IgnoresStorage extends Broken {
        public IgnoresStorage() {
            super("broken-storage", UnaryOperator.identity());
        }

        @Override
        ProviderCall change(ProviderCall call, ProviderConfig config) {
            return new ChangedCall(call, call.request()) {
                @Override
                public ImageSink newSink() {
                    return ImageSink.inMemory();
                }
            };
        }
    }

    /** Puts its API key into the message of a failure. */
    public static final class LeaksKey extends Broken {
        static final String KEY = "sk-leaky-broken-leak";
        static volatile boolean failNext;

        public LeaksKey() {
            super("broken-leak", UnaryOperator.identity());
        }

        @Override
        ProviderCall change(ProviderCall call, ProviderConfig config) {
            if (failNext) {
                failNext = false;
                throw new AuthenticationException("the key " + config.get(id(), ProviderConfig.API_KEY).orElse("")
                        + " was rejected", ErrorDetails.of(id()));
            }
            return call;
        }
    }
}
