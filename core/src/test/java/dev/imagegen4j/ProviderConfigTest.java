package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderConfigTest {
    private static final String PROVIDER = "gptproto";

    /** A builder that sees no real system properties and no real environment. */
    private static ProviderConfig.Builder isolated() {
        return ProviderConfig.builder().systemProperties(Map.of()).environment(Map.of());
    }

    // ---------------------------------------------------------------- precedence

    @Test
    void explicitValueWinsOverSystemPropertyAndEnvironment() {
        ProviderConfig config = ProviderConfig.builder()
                .set("model", "from-explicit")
                .systemProperties(Map.of("imagegen4j.gptproto.model", "from-property"))
                .environment(Map.of("GPTPROTO_MODEL", "from-environment"))
                .build();

        String model = config.get(PROVIDER, "model").orElseThrow();

        assertThat(model).isEqualTo("from-explicit");
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        ProviderConfig config = ProviderConfig.builder()
                .systemProperties(Map.of("imagegen4j.gptproto.model", "from-property"))
                .environment(Map.of("GPTPROTO_MODEL", "from-environment"))
                .build();

        String model = config.get(PROVIDER, "model").orElseThrow();

        assertThat(model).isEqualTo("from-property");
    }

    @Test
    void environmentIsUsedWhenNothingElseHasTheSetting() {
        ProviderConfig config = isolated().environment(Map.of("GPTPROTO_API_KEY", "from-environment")).build();

        String apiKey = config.get(PROVIDER, ProviderConfig.API_KEY).orElseThrow();

        assertThat(apiKey).isEqualTo("from-environment");
    }

    @Test
    void settingFoundNowhereIsEmpty() {
        ProviderConfig config = isolated().set("other", "x").build();

        assertThat(config.get(PROVIDER, "model")).isEmpty();
        assertThat(config.getInt(PROVIDER, "model")).isEmpty();
        assertThat(config.getBoolean(PROVIDER, "model")).isEmpty();
        assertThat(config.getDuration(PROVIDER, "model")).isEmpty();
    }

    @Test
    void systemPropertiesAndEnvironmentAreScopedToTheProvider() {
        ProviderConfig config = ProviderConfig.builder()
                .systemProperties(Map.of("imagegen4j.mock.model", "mock-model"))
                .environment(Map.of("MOCK_API_KEY", "mock-key"))
                .build();

        assertThat(config.get(PROVIDER, "model")).isEmpty();
        assertThat(config.get(PROVIDER, ProviderConfig.API_KEY)).isEmpty();
        assertThat(config.get("mock", "model")).contains("mock-model");
        assertThat(config.get("mock", ProviderConfig.API_KEY)).contains("mock-key");
    }

    @Test
    void ofSetsBaseUrlAndApiKeyExplicitly() {
        ProviderConfig config = ProviderConfig.of(URI.create("https://gptproto.com"), "test-key");

        assertThat(config.get(PROVIDER, ProviderConfig.BASE_URL)).contains("https://gptproto.com");
        assertThat(config.get(PROVIDER, ProviderConfig.API_KEY)).contains("test-key");
    }

    @Test
    void builderCopiesTheMapsItIsGiven() {
        Map<String, String> properties = new HashMap<>(Map.of("imagegen4j.gptproto.model", "before"));
        Map<String, String> environment = new HashMap<>(Map.of("GPTPROTO_QUALITY", "before"));
        ProviderConfig config = ProviderConfig.builder().systemProperties(properties).environment(environment).build();

        properties.put("imagegen4j.gptproto.model", "after");
        environment.put("GPTPROTO_QUALITY", "after");

        assertThat(config.get(PROVIDER, "model")).contains("before");
        assertThat(config.get(PROVIDER, "quality")).contains("before");
    }

    @Test
    void builtConfigDoesNotChangeWhenTheBuilderDoes() {
        ProviderConfig.Builder builder = isolated().set("model", "first");
        ProviderConfig config = builder.build();

        builder.set("model", "second").set("quality", "high");

        assertThat(config.get(PROVIDER, "model")).contains("first");
        assertThat(config.get(PROVIDER, "quality")).isEmpty();
    }

    @Test
    void setRejectsNullValueNamingTheKey() {
        ProviderConfig.Builder builder = ProviderConfig.builder();

        assertThatThrownBy(() -> builder.set("model", null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("model");
    }

    // ---------------------------------------------------------------- names

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "gptproto, api-key, GPTPROTO_API_KEY",
            "gptproto, base-url, GPTPROTO_BASE_URL",
            "gptproto, max-retries, GPTPROTO_MAX_RETRIES",
            "mock, request.timeout, MOCK_REQUEST_TIMEOUT",
            "my-provider, api-key, MY_PROVIDER_API_KEY",
    })
    void mapsProviderAndKeyToAnEnvironmentVariable(String providerId, String key, String variable) {
        String name = ProviderConfig.environmentName(providerId, key);

        assertThat(name).isEqualTo(variable);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "gptproto, api-key, imagegen4j.gptproto.api-key",
            "mock, request-timeout, imagegen4j.mock.request-timeout",
    })
    void mapsProviderAndKeyToASystemProperty(String providerId, String key, String property) {
        String name = ProviderConfig.systemPropertyName(providerId, key);

        assertThat(name).isEqualTo(property);
    }

    @Test
    void onlyDeclaredSecretsAreMaskedNotKeysThatLookLikeOne() {
        ProviderConfig config = isolated()
                .set("max-tokens", "4096")
                .secret("proxy-url", "http://user:pw@proxy")
                .build();

        String text = config.toString();

        assertThat(text).isEqualTo("ProviderConfig{max-tokens=4096, proxy-url=***}");
        assertThat(config.get(PROVIDER, "proxy-url")).contains("http://user:pw@proxy");
    }

    // ---------------------------------------------------------------- typed values

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {"300|300", "' 42 '|42", "-1|-1", "0|0"}, delimiter = '|')
    void parsesIntegers(String text, int expected) {
        ProviderConfig config = isolated().set("max-retries", text).build();

        int value = config.getInt(PROVIDER, "max-retries").orElseThrow();

        assertThat(value).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {"true|true", "FALSE|false", "' True '|true", "false|false"}, delimiter = '|')
    void parsesBooleansIgnoringCase(String text, boolean expected) {
        ProviderConfig config = isolated().set("stream", text).build();

        boolean value = config.getBoolean(PROVIDER, "stream").orElseThrow();

        assertThat(value).isEqualTo(expected);
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("300", Duration.ofSeconds(300)),
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("5M", Duration.ofMinutes(5)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of(" 30 s ", Duration.ofSeconds(30)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("PT5M", Duration.ofMinutes(5)),
                Arguments.of("pt1h30m", Duration.ofMinutes(90)),
                Arguments.of("PT0.5S", Duration.ofMillis(500)));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("durations")
    void parsesDurations(String text, Duration expected) {
        ProviderConfig config = isolated().set("timeout", text).build();

        Duration value = config.getDuration(PROVIDER, "timeout").orElseThrow();

        assertThat(value).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- parse errors

    @Test
    void rejectsANonIntegerNamingSettingValueAndExplicitSource() {
        ProviderConfig config = isolated().set("max-retries", "four").build();

        assertThatThrownBy(() -> config.getInt(PROVIDER, "max-retries"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting max-retries must be an integer but was 'four' (from the explicit setting)")
                .hasCauseInstanceOf(NumberFormatException.class);
    }

    @Test
    void rejectsANonIntegerNamingTheSystemProperty() {
        ProviderConfig config = isolated().systemProperties(Map.of("imagegen4j.gptproto.max-retries", "4.5")).build();

        assertThatThrownBy(() -> config.getInt(PROVIDER, "max-retries"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting max-retries must be an integer but was '4.5'"
                        + " (from system property imagegen4j.gptproto.max-retries)");
    }

    @Test
    void rejectsANonIntegerNamingTheEnvironmentVariable() {
        ProviderConfig config = isolated().environment(Map.of("GPTPROTO_MAX_RETRIES", "many")).build();

        assertThatThrownBy(() -> config.getInt(PROVIDER, "max-retries"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting max-retries must be an integer but was 'many'"
                        + " (from environment variable GPTPROTO_MAX_RETRIES)");
    }

    @Test
    void rejectsAnIntegerTooLargeForAnInt() {
        ProviderConfig config = isolated().set("max-retries", "3000000000").build();

        assertThatThrownBy(() -> config.getInt(PROVIDER, "max-retries"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting max-retries must be an integer but was '3000000000'"
                        + " (from the explicit setting)");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"yes", "1", "on", "''"})
    void rejectsABooleanThatIsNeitherTrueNorFalse(String text) {
        ProviderConfig config = isolated().environment(Map.of("GPTPROTO_STREAM", text)).build();

        assertThatThrownBy(() -> config.getBoolean(PROVIDER, "stream"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting stream must be true or false but was '" + text + "'"
                        + " (from environment variable GPTPROTO_STREAM)")
                .hasNoCause();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"soon", "5d", "-5s", "1.5s", "5 minutes", "PT", "''"})
    void rejectsATextThatIsNoDuration(String text) {
        ProviderConfig config = isolated().systemProperties(Map.of("imagegen4j.gptproto.timeout", text)).build();

        assertThatThrownBy(() -> config.getDuration(PROVIDER, "timeout"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting timeout must be a duration such as 300, 30s, 5m or PT5M but was '"
                        + text + "' (from system property imagegen4j.gptproto.timeout)");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"PT-5M", "-PT1S"})
    void rejectsANegativeDuration(String text) {
        ProviderConfig config = isolated().set("timeout", text).build();

        assertThatThrownBy(() -> config.getDuration(PROVIDER, "timeout"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting timeout must be a duration that is not negative but was '"
                        + text + "' (from the explicit setting)");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"99999999999999999999", "9999999999999999h", "9223372036854775807m"})
    void rejectsADurationTooLongToRepresent(String text) {
        ProviderConfig config = isolated().set("timeout", text).build();

        assertThatThrownBy(() -> config.getDuration(PROVIDER, "timeout"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting timeout must be a duration such as 300, 30s, 5m or PT5M but was '"
                        + text + "' (from the explicit setting)");
    }

    @Test
    void parseErrorOfASecretSettingLeavesOutTheValueAndTheCause() {
        ProviderConfig config = isolated().environment(Map.of("GPTPROTO_API_KEY", "sk-not-a-number")).build();

        assertThatThrownBy(() -> config.getInt(PROVIDER, ProviderConfig.API_KEY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("gptproto setting api-key must be an integer (from environment variable GPTPROTO_API_KEY)")
                .hasNoCause();
    }

    // ---------------------------------------------------------------- toString

    @Test
    void toStringMasksTheApiKeyAndShowsOtherExplicitSettingsSorted() {
        ProviderConfig config = isolated()
                .set("model", "gpt-image-1")
                .apiKey("sk-live-abcdef")
                .baseUrl(URI.create("https://gptproto.com"))
                .build();

        String text = config.toString();

        assertThat(text).isEqualTo("ProviderConfig{api-key=***, base-url=https://gptproto.com, model=gpt-image-1}");
    }

    @Test
    void toStringShowsNoLookedUpValues() {
        ProviderConfig config = ProviderConfig.builder()
                .systemProperties(Map.of("imagegen4j.gptproto.model", "gpt-image-1"))
                .environment(Map.of("GPTPROTO_API_KEY", "sk-live-abcdef"))
                .build();

        String text = config.toString();

        assertThat(text).isEqualTo("ProviderConfig{}");
    }

    @Test
    void toStringMasksEveryKindOfSecret() {
        ProviderConfig config = isolated()
                .secret("client-secret", "s1")
                .secret("access-token", "t1")
                .secret("proxy-password", "p1")
                .set(ProviderConfig.API_KEY, "k1")
                .build();

        String text = config.toString();

        assertThat(text).isEqualTo("ProviderConfig{access-token=***, api-key=***, client-secret=***, proxy-password=***}");
    }
}
