package dev.imagegen4j.mock;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;
import java.util.Map;

/** The kit for the mock's default model, gpt-image-1; the other models' kits extend this one. */
class MockConformanceTest extends ImageProviderConformanceKit {
    private static final String KEY = "sk-mock-conformance-4242";

    protected final MockBehavior behavior = new MockBehavior();

    @Override
    protected ImageProvider provider() {
        return new MockImageProvider(behavior);
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.builder().apiKey(KEY).environment(Map.of()).systemProperties(Map.of()).build();
    }

    @Override
    protected long ioCount() {
        return behavior.requestCount();
    }

    @Override
    protected String secret() {
        return KEY;
    }

    @Override
    protected boolean failNextRequest() {
        behavior.failNext(MockFault.AUTHENTICATION);
        return true;
    }
}
