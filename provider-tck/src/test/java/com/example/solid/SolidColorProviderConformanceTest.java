package com.example.solid;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.tck.ImageProviderConformanceKit;

class SolidColorProviderConformanceTest extends ImageProviderConformanceKit {
    @Override
    protected ImageProvider provider() {
        return new SolidColorProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.defaults();
    }

    @Override
    protected long ioCount() {
        return SolidColorProvider.CALLS.get();
    }
}
