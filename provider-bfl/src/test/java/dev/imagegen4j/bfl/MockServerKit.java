package dev.imagegen4j.bfl;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.mock.MockFault;
import dev.imagegen4j.mock.MockServer;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit for bfl against the mock's server, which speaks BFL's wire; subclasses pick the model. */
abstract class MockServerKit extends ImageProviderConformanceKit {
    static final String KEY = "bfl_conformance-0123456789abcdef";
    private static MockServer server;

    @BeforeAll
    static void startServer() {
        server = MockServer.start(0, ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .apiKey(KEY).build())
                // Ready at the first poll: the kit generates often, and Pending is tested on its own.
                .bflPendingPolls(0);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ImageProvider provider() {
        return new BflImageProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.of(server.baseUrl(), KEY);
    }

    @Override
    protected long ioCount() {
        return server.requestCount();
    }

    @Override
    protected @Nullable String secret() {
        return KEY;
    }

    @Override
    protected boolean failNextRequest() {
        server.behavior().failNext(MockFault.AUTHENTICATION);
        return true;
    }
}
