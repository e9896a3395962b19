package dev.imagegen4j.testproviders;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import java.util.List;

/** A provider that registry tests can find; it generates nothing. */
abstract class TestProvider implements ImageProvider {
    private static final ModelCatalog MODELS = ModelCatalog.of("test-model",
            List.of(ModelSpec.builder("test-model").known(true).build()));

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
        return MODELS;
    }

    @Override
    public ImageBackend open(ProviderConfig config) {
        throw new IllegalStateException("test provider " + id + " generates nothing");
    }
}
