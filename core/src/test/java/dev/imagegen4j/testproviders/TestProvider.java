package dev.imagegen4j.testproviders;

import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;

/** A provider that registry tests can find; it generates nothing. */
abstract class TestProvider implements ImageProvider {
    private final String id;

    TestProvider(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelCatalog models() {
        return ModelCatalog.gptImage();
    }

    @Override
    public ImageGenerator create(ProviderConfig config) {
        throw new IllegalStateException("test provider " + id + " generates nothing");
    }
}
