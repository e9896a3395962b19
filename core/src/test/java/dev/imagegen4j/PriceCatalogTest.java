package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogTest {
    /** The repository, seen from this module's directory, where Maven runs its tests. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private static PriceCatalog parse(String text) throws IOException {
        return PriceCatalog.parse(new StringReader(text), "test.properties");
    }

    @Test
    void readsTokenRatesWithUnknownFiguresAsNull() throws IOException {
        PriceCatalog catalog = parse("""
                openai/gpt-image-1.5.date=2026-12-02
                openai/gpt-image-1.5.source=https://example.com/pricing
                openai/gpt-image-1.5.note=list price
                openai/gpt-image-1.5.text-input=5.00
                openai/gpt-image-1.5.cached-text-input=unknown
                openai/gpt-image-1.5.image-output=32
                """);

        Price price = catalog.find("openai", "gpt-image-1.5").orElseThrow();

        assertThat(price.date()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(price.source()).isEqualTo("https://example.com/pricing");
        assertThat(price.note()).isEqualTo("list price");
        assertThat(price.images()).isNull();
        assertThat(price.tokens()).isEqualTo(new Price.TokenRates(new BigDecimal("5.00"), null, null, null,
                new BigDecimal("32"), null));
        assertThat(price.isKnown()).isTrue();
    }

    @Test
    void readsPerImagePricesByQualifierAndCredits() throws IOException {
        PriceCatalog catalog = parse("""
                acme/painter.date=2026-12-02
                acme/painter.source=https://acme.example/prices
                acme/painter.per-image=3
                acme/painter.per-image@high=5
                acme/painter.per-image@1024x1024@high=6
                acme/painter.per-image@16\\:9=4
                acme/painter.per-extra-megapixel=1.5
                acme/painter.usd-per-credit=0.01
                """);

        Price.ImageRates rates = catalog.find("acme", "painter").orElseThrow().images();

        assertThat(rates).isNotNull();
        assertThat(rates.perImage()).isEqualTo(Map.of("", new BigDecimal("3"), "high", new BigDecimal("5"),
                "1024x1024@high", new BigDecimal("6"), "16:9", new BigDecimal("4")));
        assertThat(rates.perExtraMegapixel()).isEqualByComparingTo("1.5");
        assertThat(rates.usdPerCredit()).isEqualByComparingTo("0.01");
    }

    @Test
    void anEntryWithoutFiguresSaysThePriceIsUnknown() throws IOException {
        PriceCatalog catalog = parse("""
                gptproto/flux-kontext-pro.date=2026-12-02
                gptproto/flux-kontext-pro.source=https://gptproto.example/flux
                gptproto/flux-kontext-pro.note=unknown: no published price
                """);

        assertThat(catalog.find("gptproto", "flux-kontext-pro").orElseThrow().isKnown()).isFalse();
    }

    @Test
    void theStarEntryPricesEveryModelWithoutAnEntryOfItsOwn() throws IOException {
        PriceCatalog catalog = parse("""
                mock/*.date=2026-12-02
                mock/*.source=mock: offline
                mock/*.per-image=0
                mock/mock-edit.date=2026-12-02
                mock/mock-edit.source=mine
                mock/mock-edit.per-image=1
                """);

        assertThat(catalog.find("mock", "gpt-image-2").orElseThrow().model()).isEqualTo("*");
        assertThat(catalog.find("mock", "mock-edit").orElseThrow().model()).isEqualTo("mock-edit");
        assertThat(catalog.find("other", "gpt-image-2")).isEmpty();
    }

    @Test
    void overridesReplaceEntriesOfTheSameModelAndAddOthers() throws IOException {
        PriceCatalog shipped = parse("""
                openai/gpt-image-2.date=2026-12-02
                openai/gpt-image-2.source=vendor
                openai/gpt-image-2.image-output=30
                openai/gpt-image-1.date=2026-12-02
                openai/gpt-image-1.source=vendor
                openai/gpt-image-1.image-output=40
                """);
        PriceCatalog mine = parse("""
                openai/gpt-image-2.date=2026-12-24
                openai/gpt-image-2.source=our contract
                openai/gpt-image-2.image-output=20
                openai/gpt-image-9.date=2026-12-24
                openai/gpt-image-9.source=our contract
                openai/gpt-image-9.image-output=10
                """);

        PriceCatalog merged = shipped.withOverrides(mine);

        assertThat(merged.find("openai", "gpt-image-2").orElseThrow().source()).isEqualTo("our contract");
        assertThat(merged.find("openai", "gpt-image-1").orElseThrow().source()).isEqualTo("vendor");
        assertThat(merged.find("openai", "gpt-image-9")).isPresent();
    }

    @Test
    void loadsAFile() throws IOException {
        Path file = temp.resolve("prices.properties");
        Files.writeString(file, "acme/painter.date=2026-12-02\nacme/painter.source=s\nacme/painter.per-image=0.04\n");

        assertThat(PriceCatalog.load(file).prices()).hasSize(1);
    }

    @Test
    void refusesAnEntryWithoutSourceOrDate() {
        assertThatThrownBy(() -> parse("acme/painter.date=2026-12-02\nacme/painter.per-image=1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.properties: acme/painter needs both a date and a source, so that every figure says "
                        + "where it comes from");
    }

    @Test
    void refusesAFigureThatIsNotADecimal() {
        assertThatThrownBy(() -> parse("a/m.date=2026-12-02\na/m.source=s\na/m.per-image=free\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.properties: a/m.per-image must be a decimal number or unknown but was free");
    }

    @Test
    void refusesANegativeFigure() {
        assertThatThrownBy(() -> parse("a/m.date=2026-12-02\na/m.source=s\na/m.text-input=-1\n"))
                .hasMessage("test.properties: a/m.text-input must not be negative but was -1");
    }

    @Test
    void refusesAnUnknownFieldNamingTheFields() {
        assertThatThrownBy(() -> parse("a/m.date=2026-12-02\na/m.source=s\na/m.price=1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.properties: key a/m.price has the unknown field price; the fields are date, ");
    }

    @Test
    void refusesAKeyWithoutProviderModelAndField() {
        assertThatThrownBy(() -> parse("gpt-image-1.per-image=1\n"))
                .hasMessage("test.properties: key gpt-image-1.per-image is not <provider>/<model>.<field>");
    }

    @Test
    void refusesABadDate() {
        assertThatThrownBy(() -> parse("a/m.date=December\na/m.source=s\na/m.per-image=1\n"))
                .hasMessage("test.properties: a/m.date must be an ISO date such as 2026-12-02 but was December");
    }

    @Test
    void refusesTokenRatesAndPerImagePricesInOneEntry() {
        assertThatThrownBy(() -> parse("a/m.date=2026-12-02\na/m.source=s\na/m.per-image=1\na/m.text-input=1\n"))
                .hasMessage("the price of a/m has both token rates and per-image prices; a model is billed one way");
    }

    /** Every price file the project ships, the BFL module's included, parses, and every entry is sourced and dated. */
    @Test
    void everyShippedEntryNamesItsSourceAndDate() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT, 8)) {
            files = walk.filter(path -> path.toString().replace('\\', '/').contains("src/main/resources/"
                    + PriceCatalog.RESOURCE_DIRECTORY) && path.toString().endsWith(".properties")).sorted().toList();
        }

        assertThat(files).extracting(path -> path.getFileName().toString())
                .contains("openai.properties", "gptproto.properties", "stability.properties", "mock.properties",
                        "bfl.properties");
        for (Path file : files) {
            PriceCatalog catalog = PriceCatalog.load(file);
            String provider = file.getFileName().toString().replace(".properties", "");
            assertThat(catalog.prices()).as(file.toString()).isNotEmpty().allSatisfy(price -> {
                assertThat(price.provider()).isEqualTo(provider);
                assertThat(price.source()).isNotBlank();
                assertThat(price.date()).isBeforeOrEqualTo(LocalDate.now());
            });
        }
    }
}
