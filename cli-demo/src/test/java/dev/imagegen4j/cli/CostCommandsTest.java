package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imagegen estimate}, {@code --max-cost} and the costs that results carry. */
class CostCommandsTest {
    private static final String KEY = "test-key-5f3a9c1e";

    @TempDir
    Path dir;

    private MockServerHandle server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** gptproto against the mock's wire server: real OpenAI list prices, requests counted. */
    private Map<String, String> gptproto() {
        server = MockServerHandle.start(env());
        return env("GPTPROTO_API_KEY", KEY, "GPTPROTO_BASE_URL", server.baseUrl(), "GPTPROTO_MAX_RETRIES", "0");
    }

    @Test
    void estimatesGptImage2AtLowQualityAs196OutputTokensAndAboutSixTenthsOfACentWithoutAKey() {
        Cli.Result result = run("estimate", "--provider", "openai", "--model", "gpt-image-2", "--size", "1024x1024",
                "--quality", "low", "a cat");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).startsWith("gpt-image-2 on openai, 1 image: about $0.006 ($0.00589)",
                "tokens: 196 output tokens, 2 input tokens (2 text, 0 image)");
        assertThat(result.outLines().get(2)).startsWith("price: openai/gpt-image-2, read 2026-12-02 from "
                + "https://developers.openai.com/api/docs/pricing (OpenAI list price");
        assertThat(result.outLines()).contains(
                "note: prompt tokens approximated (4 ASCII characters or 1 other character per token)");
    }

    @Test
    void estimateJsonGivesTheAmountTheOutputTokensAndThePricesSource() {
        Cli.Result result = run("estimate", "--provider", "openai", "--model", "gpt-image-2", "--size", "1024x1024",
                "--quality", "low", "-n", "2", "a cat", "--json");

        assertThat(result.exitCode()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("usd").getAsBigDecimal()).isEqualByComparingTo("0.01178");
        assertThat(json.get("output_tokens").getAsLong()).isEqualTo(392);
        assertThat(json.get("input_tokens").getAsLong()).isEqualTo(4);
        assertThat(json.get("images").getAsInt()).isEqualTo(2);
        assertThat(json.get("price_source").getAsString()).isEqualTo("https://developers.openai.com/api/docs/pricing");
        assertThat(json.get("price_date").getAsString()).isEqualTo("2026-12-02");
    }

    @Test
    void estimateJsonOfAModelBilledPerImageHasNoTokens() {
        Cli.Result result = run("estimate", "--provider", "stability", "--model", "stable-image-core", "a fox", "--json");

        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("usd").getAsBigDecimal()).isEqualByComparingTo("0.03");
        assertThat(json.has("output_tokens")).isFalse();
        assertThat(json.get("notes").getAsJsonArray().get(0).getAsString()).isEqualTo("3 credits at $0.01 per credit");
    }

    @Test
    void anUnknownPriceIsUnknownNeverZero() {
        Cli.Result text = run("estimate", "--provider", "gptproto", "--model", "flux-kontext-pro", "a fox");
        Cli.Result json = run("estimate", "--provider", "gptproto", "--model", "flux-kontext-pro", "a fox", "--json");

        assertThat(text.outLines().get(0)).isEqualTo("flux-kontext-pro on gptproto, 1 image: unknown");
        assertThat(JsonParser.parseString(json.out()).getAsJsonObject().get("usd").isJsonNull()).isTrue();
    }

    @Test
    void pricesFromAFileOverrideTheCatalog() throws IOException {
        Path prices = Files.writeString(dir.resolve("prices.properties"), """
                openai/gpt-image-2.date=2026-12-24
                openai/gpt-image-2.source=our contract
                openai/gpt-image-2.text-input=0
                openai/gpt-image-2.image-output=10
                """);

        Cli.Result result = run("estimate", "--provider", "openai", "--model", "gpt-image-2", "--size", "1024x1024",
                "--quality", "low", "a cat", "--prices", prices.toString(), "--json");

        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertThat(json.get("usd").getAsBigDecimal()).isEqualByComparingTo("0.00196");
        assertThat(json.get("price_source").getAsString()).isEqualTo("our contract");
    }

    @Test
    void aMalformedPricesFileIsAUsageError() throws IOException {
        Path prices = Files.writeString(dir.resolve("prices.properties"), "openai/gpt-image-2.image-output=10\n");

        Cli.Result result = run("estimate", "--provider", "openai", "a cat", "--prices", prices.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: " + prices + ": openai/gpt-image-2 needs both a date and a source, "
                + "so that every figure says where it comes from\n");
    }

    @Test
    void anInvalidRequestIsNotEstimated() {
        Cli.Result result = run("estimate", "--provider", "openai", "--size", "999x999", "a cat");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--size");
    }

    @Test
    void generateRefusesAboveMaxCostWithExit2AndSendsNothing() {
        Map<String, String> environment = gptproto();

        Cli.Result result = run(environment, "generate", "a lighthouse", "--model", "gpt-image-2", "--size", "1024x1024",
                "--quality", "high", "--max-cost", "0.10", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: The estimated cost $0.210735 (7024 output tokens) of gpt-image-2 "
                + "exceeds the per-request limit of $0.10; nothing was sent (provider gptproto)\n");
        assertThat(server.requestCount()).isZero();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void generateJsonCarriesTheEstimatedAndTheActualCost() {
        Map<String, String> environment = gptproto();

        Cli.Result result = run(environment, "generate", "a lighthouse", "--model", "gpt-image-2", "--size", "1024x1024",
                "--quality", "low", "--max-cost", "$0.01", "--json", "-o", dir.toString());

        assertThat(result.exitCode()).isZero();
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        JsonObject cost = json.getAsJsonObject("cost");
        assertThat(cost.get("estimated_usd").getAsBigDecimal()).isEqualByComparingTo("0.005895");
        JsonObject usage = json.getAsJsonObject("usage");
        assertThat(usage.get("output_tokens").getAsLong()).isPositive();
        assertThat(cost.get("usd").getAsBigDecimal()).isPositive();
        assertThat(cost.get("price_source").getAsString()).isEqualTo("https://developers.openai.com/api/docs/pricing");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void maxCostMustBeAnAmount() {
        Cli.Result result = run("generate", "a fox", "--max-cost", "ten");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Invalid value for option '--max-cost': "
                + "'ten' is not an amount of US dollars such as 0.50");
    }

    /** A batch of two lines, three images of gpt-image-2 at 1024x1024 low: $0.017655 estimated. */
    private Path threeLowImagesOfGptImage2() throws IOException {
        return Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n",
                "{\"prompt\":\"a\",\"model\":\"gpt-image-2\",\"size\":\"1024x1024\",\"quality\":\"low\"}",
                "{\"prompt\":\"b\",\"model\":\"gpt-image-2\",\"size\":\"1024x1024\",\"quality\":\"low\",\"n\":2}") + "\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void batchRefusesTheWholeBatchAboveMaxCostWithExit2AndSendsNothing() throws IOException {
        Map<String, String> environment = gptproto();
        Path input = threeLowImagesOfGptImage2();

        Cli.Result result = run(environment, "batch", input.toString(), "-o", dir.resolve("out").toString(),
                "--max-cost", "0.015");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).endsWith("error: The estimated cost $0.017655 of the 2 line(s) to do exceeds --max-cost: "
                + "$0.015 remains; nothing was sent (provider gptproto)\n");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void batchRecordsEachLinesCostsAndPrintsTheTotalWithinMaxCost() throws IOException {
        Map<String, String> environment = gptproto();
        Path input = threeLowImagesOfGptImage2();
        Path out = dir.resolve("out");

        Cli.Result result = run(environment, "batch", input.toString(), "-o", out.toString(), "--max-cost", "1");

        assertThat(result.exitCode()).isZero();
        List<JsonObject> records = Files.readAllLines(out.resolve("results.jsonl")).stream()
                .map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.get("estimated_usd").getAsBigDecimal()).isPositive();
            assertThat(record.get("cost_usd").getAsBigDecimal()).isPositive();
        });
        assertThat(result.outLines().get(1)).startsWith("total cost $").endsWith("(estimated $0.017655)");
        assertThat(server.requestCount()).isEqualTo(2);
    }
}
