package dev.imagegen4j.mock;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;
import java.util.Map;

class MockConformanceTest extends ImageProviderConformanceKit {
    private static final String KEY = "sk-mock-conformance-4242";

    @Override
    protected ImageProvider provider() {
        return new MockImageProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.builder().apiKey(KEY).environment(Map.of()).systemProperties(Map.of()).build();
    }

    @Override
    protected String secret() {
        return KEY;
    }

    @Override
    protected boolean failNextRequest(ImageGenerator generator) {
        ((MockImageGenerator) generator).behavior().failNext(MockFault.AUTHENTICATION);
        return true;
    }
}
