package dev.imagegen4j.gptproto;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ImageProvider;

/** The kit for the {@code openai} id, against the mock's wire server exactly as for {@code gptproto}. */
class OpenAiConformanceTest extends GptProtoConformanceTest {
    @Override
    protected ImageProvider provider() {
        return new OpenAiImageProvider();
    }

    @Override
    protected ProviderConfig config() {
        return ProviderConfig.builder().baseUrl(server.baseUrl()).apiKey(KEY).set("max-retries", "0")
                .set("organization", "org-conformance").environment(NOTHING).systemProperties(NOTHING).build();
    }
}
