package dev.imagegen4j.gptproto;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockServer;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The kit for the {@code openai} id, against the mock's wire server as for {@code gptproto}. */
class OpenAiConformanceTest extends ImageProviderConformanceKit {
    private static final String KEY = "sk-openai-conformance-5151";
    private static final Map<String, String> NOTHING = Map.of();

    private MockServer server;

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
        return new OpenAiImageProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.builder().baseUrl(server.baseUrl()).apiKey(KEY).set("max-retries", "0")
                .set("organization", "org-conformance").environment(NOTHING).systemProperties(NOTHING).build();
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
