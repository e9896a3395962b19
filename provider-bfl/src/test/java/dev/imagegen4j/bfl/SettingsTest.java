package dev.imagegen4j.bfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.AuthenticationException;
import dev.imagegen4j.ProviderConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which hosts receive the key, and the settings as read from a config. */
class SettingsTest {
    private static Settings settings(String baseUrl) {
        return Settings.from(ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of())
                .baseUrl(URI.create(baseUrl)).apiKey(Fixtures.KEY).build());
    }

    @ParameterizedTest(name = "{0} with base {1}: {2}")
    @CsvSource({
            "https://api.bfl.ai/v1/get_result?id=1, https://api.bfl.ai, true",
            "https://api.us1.bfl.ai/v1/get_result?id=1, https://api.bfl.ai, true",
            "https://api.eu.bfl.ai/v1/get_result?id=1, https://api.bfl.ai, true",
            "https://api.eu2.bfl.ai/v1/get_result?id=1, https://api.eu.bfl.ai, true",
            "https://API.US1.BFL.AI/v1/get_result?id=1, https://api.bfl.ai, true",
            "https://delivery.eu.bfl.ai/results/1.jpeg, https://api.bfl.ai, false",
            "https://delivery-us1.bfl.ai/results/1.jpeg, https://api.bfl.ai, false",
            "https://bfl.ai/v1/get_result?id=1, https://api.bfl.ai, false",
            "https://api.bfl.ai.evil.example/v1/get_result?id=1, https://api.bfl.ai, false",
            "https://evilbfl.ai/v1/get_result?id=1, https://api.bfl.ai, false",
            "https://api.evil.example/v1/get_result?id=1, https://api.bfl.ai, false",
            "http://api.us1.bfl.ai/v1/get_result?id=1, https://api.bfl.ai, false",
            "https://api.us1.bfl.ai:8443/v1/get_result?id=1, https://api.bfl.ai, false",
            "https://user@api.us1.bfl.ai/v1/get_result?id=1, https://api.bfl.ai, false",
            "https://api.us1.bfl.ai/v1/get_result?id=1, https://gateway.example/bfl, false",
            "https://gateway.example/v1/get_result?id=1, https://gateway.example/bfl, true",
            "http://127.0.0.1:8080/v1/get_result?id=1, http://127.0.0.1:8080, true",
            "http://127.0.0.1:8081/v1/get_result?id=1, http://127.0.0.1:8080, false",
            "http://localhost:8080/v1/get_result?id=1, http://127.0.0.1:8080, false",
            "https://127.0.0.1:8080/v1/get_result?id=1, http://127.0.0.1:8080, false"})
    void theKeyGoesOnlyToTheApisOriginAndBflsApiHosts(String pollingUrl, String baseUrl, boolean gets) {
        assertThat(settings(baseUrl).keyGoesTo(URI.create(pollingUrl))).isEqualTo(gets);
    }

    @Test
    void aMissingKeyNamesTheEnvironmentVariable() {
        ProviderConfig config = ProviderConfig.builder().environment(Map.of()).systemProperties(Map.of()).build();

        assertThatThrownBy(() -> Settings.from(config)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("BFL_API_KEY");
    }

    @Test
    void theBaseUrlDefaultsToBflsGlobalEndpointAndIsReadFromTheEnvironment() {
        ProviderConfig config = ProviderConfig.builder().systemProperties(Map.of())
                .environment(Map.of("BFL_API_KEY", Fixtures.KEY, "BFL_BASE_URL", "https://api.eu.bfl.ai")).build();
        ProviderConfig defaults = ProviderConfig.builder().systemProperties(Map.of())
                .environment(Map.of("BFL_API_KEY", Fixtures.KEY)).build();

        assertThat(Settings.from(config).baseUrl()).isEqualTo(URI.create("https://api.eu.bfl.ai"));
        assertThat(Settings.from(defaults).baseUrl()).isEqualTo(URI.create("https://api.bfl.ai"));
        assertThat(Settings.from(config).toString()).doesNotContain(Fixtures.KEY);
    }
}
