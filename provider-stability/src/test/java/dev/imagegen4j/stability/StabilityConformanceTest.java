package dev.imagegen4j.stability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit against {@link StabilityStub}, which answers as the documented contract does. */
class StabilityConformanceTest extends ImageProviderConformanceKit {
    private static final StabilityStub STUB = new StabilityStub();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(STUB)).build();

    @BeforeEach
    void stubService() {
        StabilityStub.register(WM.getRuntimeInfo().getWireMock());
    }

    @Override
    protected ImageProvider provider() {
        return new StabilityImageProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.of(URI.create(WM.baseUrl()), StabilityStub.KEY);
    }

    @Override
    protected long ioCount() {
        return WM.getAllServeEvents().size();
    }

    @Override
    protected @Nullable String secret() {
        return StabilityStub.KEY;
    }

    @Override
    protected boolean failNextRequest() {
        STUB.failNext();
        return true;
    }
}
