package dev.imagegen4j.gptproto;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockServer;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The kit against the mock provider's wire server, which answers like GPTProto and honours every parameter. */
class GptProtoConformanceTest extends ImageProviderConformanceKit {
    static final String KEY = "sk-gptproto-conformance-4242";
    static final Map<String, String> NOTHING = Map.of();

    MockServer server;

    @BeforeEach
    void startServer() {
        server = MockServer.start(0, ProviderConfig.builder().environment(NOTHING).systemProperties(NOTHING).build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected ImageProvider provider() {
        return new GptProtoImageProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.builder().baseUrl(server.baseUrl()).apiKey(KEY).set("max-retries", "0")
                .environment(NOTHING).systemProperties(NOTHING).build();
    }

    @Override
    protected long ioCount() {
        return server.requestCount();
    }

    @Override
    protected String secret() {
        return KEY;
    }

    @Override
    protected boolean failNextRequest() {
        server.behavior().failNext(MockFault.AUTHENTICATION);
        return true;
    }
}
