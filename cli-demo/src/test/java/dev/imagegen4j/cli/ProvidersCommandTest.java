package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {
    @Test
    void listsBothProvidersWithTheirModels() {
        Cli.Result result = run("providers");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().stream().filter(line -> !line.startsWith("    ")).toList()).containsExactly(
                "gptproto - GPTProto (default model gpt-image-1)",
                "  gpt-image-1", "  gpt-image-1-mini", "  gpt-image-1.5", "  gpt-image-2",
                "  other model ids are sent as they are, checked by the generic rules, with a warning;",
                "  ids ending in -plus take no quality",
                "mock - Mock (offline, deterministic) (default model gpt-image-1)",
                "  gpt-image-1", "  gpt-image-1-mini", "  gpt-image-1.5", "  gpt-image-2",
                "  other model ids are sent as they are, checked by the generic rules, with a warning;",
                "  ids ending in -plus take no quality");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void describesEveryConstraintOfAModel() {
        Cli.Result result = run("providers");

        List<String> lines = result.outLines();
        int gptImage1 = lines.indexOf("  gpt-image-1");
        assertThat(lines.subList(gptImage1 + 1, gptImage1 + 10)).containsExactly(
                "    size:               auto, 1024x1024, 1536x1024, 1024x1536",
                "    n:                  1..10",
                "    quality:            auto, low, medium, high",
                "    background:         auto, opaque, transparent (transparent needs format png, webp)",
                "    format:             auto, png, jpeg, webp",
                "    compression:        0..100 with format jpeg, webp",
                "    moderation:         auto, low",
                "    streaming:          yes, partial images 0..3",
                "    prompt:             not blank, at most 32000 characters");
        assertThat(lines).contains("    size:               auto or WxH: sides multiples of 16, longer side at most "
                + "3840, aspect at most 3:1, 655,360 to 8,294,400 pixels, above 2560x1440 experimental; presets "
                + "1024x1024, 1536x1024, 1024x1536, 2048x2048, 2048x1152, 3840x2160, 2160x3840");
    }

    @Test
    void printsTheSameAsJson() {
        Cli.Result result = run("providers", "--json");

        assertThat(result.exitCode()).isZero();
        JsonArray providers = JsonParser.parseString(result.out()).getAsJsonArray();
        assertThat(ids(providers)).containsExactly("gptproto", "mock");
        for (JsonElement provider : providers) {
            JsonArray models = provider.getAsJsonObject().getAsJsonArray("models");
            assertThat(ids(models)).containsExactly("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2");
        }
        JsonObject gptImage1 = providers.get(0).getAsJsonObject().getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(gptImage1.getAsJsonObject("size").get("kind").getAsString()).isEqualTo("fixed");
        assertThat(gptImage1.getAsJsonObject("n").get("max").getAsInt()).isEqualTo(10);
        assertThat(gptImage1.getAsJsonArray("transparency_formats").toString()).isEqualTo("[\"png\",\"webp\"]");
        assertThat(gptImage1.get("max_prompt_length").getAsInt()).isEqualTo(32000);
        JsonObject gptImage2Size = providers.get(0).getAsJsonObject().getAsJsonArray("models").get(3)
                .getAsJsonObject().getAsJsonObject("size");
        assertThat(gptImage2Size.get("kind").getAsString()).isEqualTo("flexible");
        assertThat(gptImage2Size.get("multiple_of").getAsInt()).isEqualTo(16);
        assertThat(gptImage2Size.get("max_edge").getAsInt()).isEqualTo(3840);
    }

    private static List<String> ids(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(element -> element.getAsJsonObject().get("id").getAsString()).toList();
    }
}
