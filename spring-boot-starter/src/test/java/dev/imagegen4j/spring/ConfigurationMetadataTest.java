package dev.imagegen4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ProviderSetting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata the starter ships: the processor's for {@code Imagegen4jProperties}, merged with the
 * hand-kept metadata of every provider setting, which must match what the providers declare.
 */
class ConfigurationMetadataTest {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    private static String metadata() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the processor's metadata").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(String json) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void describesTheStartersOwnProperties() throws IOException {
        assertThat(names(metadata())).contains("imagegen4j.provider", "imagegen4j.model", "imagegen4j.lenient",
                "imagegen4j.defaults.size", "imagegen4j.defaults.negative-prompt", "imagegen4j.observations.record-prompt");
    }

    @Test
    void describesEverySettingOfEveryProviderAndNoOther() throws IOException {
        List<ImageProvider> shipped = ImageProviders.available();
        List<String> expected = new ArrayList<>();
        List<String> ids = shipped.stream().map(ImageProvider::id).toList();
        for (ImageProvider provider : shipped) {
            expected.add("imagegen4j." + provider.id());
            for (ProviderSetting setting : provider.settings()) {
                expected.add("imagegen4j." + provider.id() + "." + setting.key());
            }
        }

        List<String> described = names(metadata()).stream().filter(name -> ids.stream()
                .anyMatch(id -> name.equals("imagegen4j." + id) || name.startsWith("imagegen4j." + id + ".")))
                .toList();

        assertThat(expected).hasSizeGreaterThan(40);
        assertThat(described).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void marksSecretSettingsAsSecrets() throws IOException {
        String json = metadata();

        assertThat(json).containsPattern("\"name\": \"imagegen4j.gptproto.api-key\",\\s*\"type\": \"java.lang.String\","
                + "\\s*\"description\": \"[^\"]*A secret: never logged or shown.\"");
    }
}
