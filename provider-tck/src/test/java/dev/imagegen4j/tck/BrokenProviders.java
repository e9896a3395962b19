package dev.imagegen4j.tck;

import com.example.solid.SolidColorProvider;
import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Providers that each break one promise, to prove the kit notices. They wrap the example provider. */
final class BrokenProviders {
    private BrokenProviders() {
    }

    /** A generator that behaves like the example's except for what {@code change} does to responses. */
    abstract static class Broken implements ImageProvider {
        private final String id;

        Broken(String id) {
            this.id = id;
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
        public ImageGenerator create(ProviderConfig config) {
            ImageGenerator delegate = new SolidColorProvider().create(config);
            return new ImageGenerator() {
                @Override
                public ImageResponse generate(ImageRequest request) {
                    // Validation is right; the bug comes after it, as it would in a real provider.
                    models().specFor(request.model()).validate(request).throwIfInvalid(id);
                    ImageResponse response = change(delegate, request, config);
                    ImageResponse.Builder renamed = ImageResponse.builder(id, response.model())
                            .usage(response.usage()).size(response.size()).outputFormat(response.outputFormat())
                            .addWarnings(response.warnings());
                    response.images().forEach(renamed::addImage);
                    return renamed.build();
                }

                @Override
                public ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener) {
                    return delegate.stream(request, listener);
                }

                @Override
                public void close() {
                    delegate.close();
                }
            };
        }

        abstract ImageResponse change(ImageGenerator delegate, ImageRequest request, ProviderConfig config);
    }

    /** Returns one image whatever {@code n} asks for. */
    public static final class IgnoresCount extends Broken {
        public IgnoresCount() {
            super("broken-count");
        }

        @Override
        ImageResponse change(ImageGenerator delegate, ImageRequest request, ProviderConfig config) {
            return delegate.generate(request.toBuilder().count(null).build());
        }
    }

    /** Returns the default size whatever {@code size} asks for. */
    public static final class IgnoresSize extends Broken {
        public IgnoresSize() {
            super("broken-size");
        }

        @Override
        ImageResponse change(ImageGenerator delegate, ImageRequest request, ProviderConfig config) {
            return delegate.generate(request.toBuilder().size(null).build());
        }
    }

    /** Puts its API key into the message of a failure. */
    public static final class LeaksKey extends Broken {
        static final UnaryOperator<String> KEY = providerId -> "sk-leaky-" + providerId;
        static volatile boolean failNext;

        public LeaksKey() {
            super("broken-leak");
        }

        @Override
        ImageResponse change(ImageGenerator delegate, ImageRequest request, ProviderConfig config) {
            if (failNext) {
                failNext = false;
                throw new AuthenticationException("the key " + config.get(id(), ProviderConfig.API_KEY).orElse("")
                        + " was rejected", ErrorDetails.of(id()));
            }
            return delegate.generate(request);
        }
    }
}
