package dev.imagegen4j.mock;

import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;

/**
 * The {@code mock} provider: deterministic, offline, and serving the same models as {@code gptproto}
 * with the same rules, so that swapping one for the other is a dependency change. Needs no API key.
 * See {@link MockImageGenerator} for what it produces and {@link MockBehavior} for its settings.
 */
public final class MockImageProvider implements ImageProvider {
    /** The provider id, {@code mock}. */
    public static final String ID = "mock";

    /** Does nothing: discovery instantiates every provider. */
    public MockImageProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Mock (offline, deterministic)";
    }

    @Override
    public ModelCatalog models() {
        return ModelCatalog.gptImage();
    }

    /**
     * @throws IllegalArgumentException naming the setting when a {@code mock} setting is invalid
     */
    @Override
    public MockImageGenerator create(ProviderConfig config) {
        return new MockImageGenerator(models(), MockBehavior.from(config));
    }
}
