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
    void listsBothProvidersWithTheirSettingsAndModels() {
        Cli.Result result = run("providers");

        assertThat(result.exitCode()).isZero();
        List<String> providersAndModels = result.outLines().stream()
                .filter(line -> !line.startsWith("    ") && !line.startsWith("  setting ")).toList();
        assertThat(providersAndModels).containsExactly(
                "bfl - Black Forest Labs (default model flux-2-pro)",
                "  flux-pro-1.1", "  flux-pro-1.1-ultra", "  flux-dev", "  flux-kontext-pro", "  flux-kontext-max",
                "  flux-2-pro", "  flux-2-pro-preview", "  flux-2-max", "  flux-2-flex", "  flux-2-klein-4b",
                "  flux-2-klein-9b", "  flux-2-klein-9b-preview",
                "  other model ids are sent as they are, checked by the provider's generic rules, with a warning",
                "gptproto - GPTProto (default model gpt-image-1)",
                "  gpt-image-1", "  gpt-image-1-mini", "  gpt-image-1.5", "  gpt-image-2",
                "  flux-kontext-pro", "  doubao-seedream-3-0-t2i-250415", "  gemini-2.5-flash-image",
                "  other model ids are sent as they are, checked by the provider's generic rules, with a warning",
                "mock - Mock (offline, deterministic) (default model gpt-image-1)",
                "  gpt-image-1", "  gpt-image-1-mini", "  gpt-image-1.5", "  gpt-image-2",
                "  flux-kontext-pro", "  doubao-seedream-3-0-t2i-250415", "  gemini-2.5-flash-image", "  mock-ratio", "  mock-edit", "  mock-async",
                "  other model ids are sent as they are, checked by the provider's generic rules, with a warning",
                "openai - OpenAI (default model gpt-image-1)",
                "  gpt-image-1", "  gpt-image-1-mini", "  gpt-image-1.5", "  gpt-image-2",
                "  flux-kontext-pro", "  doubao-seedream-3-0-t2i-250415", "  gemini-2.5-flash-image",
                "  other model ids are sent as they are, checked by the provider's generic rules, with a warning",
                "stability - Stability AI (default model stable-image-core)",
                "  stable-image-core", "  stable-image-ultra", "  sd3.5-large", "  sd3.5-large-turbo", "  sd3.5-medium",
                "  other model ids are sent as they are, checked by the provider's generic rules, with a warning");
        assertThat(result.outLines()).contains(
                "  setting api-key (GPTPROTO_API_KEY or -Dimagegen4j.gptproto.api-key): the API key (required); secret",
                "  setting proxy (GPTPROTO_PROXY or -Dimagegen4j.gptproto.proxy): http://[user:pass@]host:port; "
                        + "without it the JVM's proxy properties apply; secret",
                "  setting fault (MOCK_FAULT or -Dimagegen4j.mock.fault): a fault such as rate_limit, raised by every "
                        + "request",
                "  setting organization (OPENAI_ORGANIZATION or -Dimagegen4j.openai.organization): the OpenAI "
                        + "organization, sent as OpenAI-Organization",
                "  setting project (OPENAI_PROJECT or -Dimagegen4j.openai.project): the OpenAI project, sent as "
                        + "OpenAI-Project");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void describesEverySettingOfAModel() {
        Cli.Result result = run("providers");

        List<String> lines = result.outLines();
        int gptImage1 = lines.indexOf("  gpt-image-1");
        assertThat(lines.subList(gptImage1 + 1, gptImage1 + 18)).containsExactly(
                "    size:               auto, 1024x1024, 1536x1024, 1024x1536 (or an aspect ratio of one of them)",
                "    -n:                 1..10",
                "    --seed:             (not accepted)",
                "    --negative-prompt:  (not accepted)",
                "    --quality:          auto, low, medium, high",
                "    --background:       auto, opaque, transparent (transparent needs format png, webp)",
                "    --format:           auto, png, jpeg, webp",
                "    --compression:      0..100 with format jpeg, webp",
                "    --moderation:       auto, low",
                "    --stream:           yes, partial images 0..3",
                "    --no-wait:          (runs while you wait)",
                "    --image:            0..16 of PNG, JPEG, WEBP, with --mask",
                "    --user:             yes",
                "    --option input_fidelity: high, low (how closely an edit keeps the input images' features)",
                "    prompt:             not blank, at most 32000 characters",
                "  gpt-image-1-mini",
                "    size:               auto, 1024x1024, 1536x1024, 1024x1536 (or an aspect ratio of one of them)");
        int async = lines.indexOf("  mock-async");
        assertThat(lines.subList(async + 1, lines.size())).contains("    --stream:           job progress only",
                "    --no-wait:          yes: runs as jobs; `imagegen fetch JOB-ID` saves the images");
        assertThat(lines).contains("    size:               auto, W:H, or WxH: sides multiples of 16, longer side at "
                + "most 3840, aspect at most 3:1, 655,360 to 8,294,400 pixels, above 2560x1440 experimental; presets "
                + "1024x1024, 1536x1024, 1024x1536, 2048x2048, 2048x1152, 3840x2160, 2160x3840");
        int ratio = lines.indexOf("  mock-ratio");
        assertThat(lines.subList(ratio + 1, ratio + 4)).containsExactly(
                "    size:               auto, 1:1, 16:9, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21 with tiers 1K, 2K "
                        + "(or WxH of exactly one of these shapes)",
                "    -n:                 1..10, 1 per call",
                "    --seed:             0..4294967294");
        // GPTProto's flux-kontext-pro, not BFL's, which is listed first.
        int flux = lines.subList(gptImage1, lines.size()).indexOf("  flux-kontext-pro") + gptImage1;
        assertThat(lines.subList(flux + 1, flux + 3)).containsExactly(
                "    size:               auto, 16:9, 4:3, 3:2, 1:1, 2:3, 3:4, 9:16 (or WxH of exactly one of these shapes)",
                "    -n:                 1..10, 4 per call");
        assertThat(lines).contains("    --option guidance_scale: number from 1 to 10 (how closely the image follows the prompt)",
                "    --option watermark: true or false (whether the image carries a watermark; GPTProto's default is true)");
        assertThat(lines).contains("    --option style: flat, noise (how the mock paints the image)",
                "    --image:            1..4 of PNG, JPEG, WEBP, with --mask");
    }

    @Test
    void printsTheSameAsJson() {
        Cli.Result result = run("providers", "--json");

        assertThat(result.exitCode()).isZero();
        JsonArray providers = JsonParser.parseString(result.out()).getAsJsonArray();
        assertThat(ids(providers)).containsExactly("bfl", "gptproto", "mock", "openai", "stability");
        assertThat(ids(providers.get(1).getAsJsonObject().getAsJsonArray("models")))
                .containsExactly("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2", "flux-kontext-pro",
                        "doubao-seedream-3-0-t2i-250415", "gemini-2.5-flash-image");
        assertThat(ids(providers.get(2).getAsJsonObject().getAsJsonArray("models")))
                .containsExactly("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2", "flux-kontext-pro",
                        "doubao-seedream-3-0-t2i-250415", "gemini-2.5-flash-image", "mock-ratio", "mock-edit", "mock-async");
        assertThat(ids(providers.get(3).getAsJsonObject().getAsJsonArray("models")))
                .isEqualTo(ids(providers.get(1).getAsJsonObject().getAsJsonArray("models")));
        JsonObject gptImage1 = providers.get(1).getAsJsonObject().getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(gptImage1.getAsJsonObject("size").get("kind").getAsString()).isEqualTo("fixed");
        assertThat(gptImage1.getAsJsonObject("count").get("max").getAsInt()).isEqualTo(10);
        assertThat(gptImage1.get("seed").isJsonNull()).isTrue();
        assertThat(gptImage1.getAsJsonArray("transparency_formats").toString()).isEqualTo("[\"png\",\"webp\"]");
        assertThat(gptImage1.get("max_prompt_length").getAsInt()).isEqualTo(32000);
        JsonObject gptImage2Size = providers.get(1).getAsJsonObject().getAsJsonArray("models").get(3)
                .getAsJsonObject().getAsJsonObject("size");
        assertThat(gptImage2Size.get("kind").getAsString()).isEqualTo("flexible");
        assertThat(gptImage2Size.get("multiple_of").getAsInt()).isEqualTo(16);
        assertThat(gptImage2Size.get("max_edge").getAsInt()).isEqualTo(3840);
        JsonObject mockRatio = providers.get(2).getAsJsonObject().getAsJsonArray("models").get(7).getAsJsonObject();
        assertThat(mockRatio.getAsJsonObject("size").get("kind").getAsString()).isEqualTo("aspect_ratios");
        assertThat(mockRatio.get("max_images_per_call").getAsInt()).isEqualTo(1);
        assertThat(mockRatio.getAsJsonObject("seed").get("max").getAsLong()).isEqualTo(4_294_967_294L);
        assertThat(mockRatio.get("max_negative_prompt_length").getAsInt()).isEqualTo(10_000);
        JsonObject style = mockRatio.getAsJsonArray("extras").get(0).getAsJsonObject();
        assertThat(style.get("name").getAsString()).isEqualTo("style");
        assertThat(style.getAsJsonArray("values").toString()).isEqualTo("[\"flat\",\"noise\"]");
        JsonObject apiKey = providers.get(1).getAsJsonObject().getAsJsonArray("settings").get(0).getAsJsonObject();
        assertThat(apiKey.get("environment").getAsString()).isEqualTo("GPTPROTO_API_KEY");
        assertThat(apiKey.get("secret").getAsBoolean()).isTrue();
    }

    private static List<String> ids(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(element -> element.getAsJsonObject().get("id").getAsString()).toList();
    }
}
