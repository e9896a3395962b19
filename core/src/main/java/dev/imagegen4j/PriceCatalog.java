package dev.imagegen4j;

import dev.imagegen4j.spi.ImageProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Prices of models, by provider and model, as data: each provider module ships its vendor's figures as
 * {@code META-INF/imagegen4j/prices/<provider-id>.properties}, and users override or extend them with a
 * file of the same form ({@link #load(Path)}) or in code ({@link #of(List)}), without a release.
 * Immutable and thread-safe.
 *
 * <p>The file is a {@link Properties} file whose keys are {@code <provider>/<model>.<field>} (the field is
 * what follows the last dot, so model ids may contain dots; a {@code :} in a key is written {@code \:}):
 *
 * <pre>
 * openai/gpt-image-2.date=2026-12-02
 * openai/gpt-image-2.source=https://developers.openai.com/api/docs/pricing
 * openai/gpt-image-2.note=OpenAI list price
 * # USD per million tokens; "unknown" where the vendor publishes no figure
 * openai/gpt-image-2.text-input=5.00
 * openai/gpt-image-2.image-output=30.00
 * stability/stable-image-core.per-image=3
 * stability/stable-image-core.usd-per-credit=0.01
 * </pre>
 *
 * <p>Every entry needs {@code date} (ISO, the day the figures were read) and {@code source}. Token
 * fields ({@code text-input}, {@code cached-text-input}, {@code image-input}, {@code cached-image-input},
 * {@code image-output}, {@code text-output}) make it a token price; {@code per-image} (and
 * {@code per-image@<size>}, {@code per-image@<quality>}, {@code per-image@<size>@<quality>}),
 * {@code per-extra-megapixel} and {@code usd-per-credit} a per-image one; an entry with neither is the
 * catalog saying the price is unknown. The model {@code *} prices every model of the provider without
 * an entry of its own.
 */
public final class PriceCatalog {
    /** Where a provider module puts its prices, followed by {@code <provider-id>.properties}. */
    public static final String RESOURCE_DIRECTORY = "META-INF/imagegen4j/prices/";

    private static final String ANY_MODEL = "*";
    private static final String PER_IMAGE = "per-image";
    private static final List<String> TOKEN_FIELDS = List.of("text-input", "cached-text-input", "image-input",
            "cached-image-input", "image-output", "text-output");
    private static final List<String> FIELDS = List.of("date", "source", "note", "text-input", "cached-text-input",
            "image-input", "cached-image-input", "image-output", "text-output", PER_IMAGE, "per-extra-megapixel",
            "usd-per-credit");
    private static final PriceCatalog EMPTY = new PriceCatalog(Map.of());

    private final Map<String, Price> prices;

    private PriceCatalog(Map<String, Price> prices) {
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** A catalog without prices. */
    public static PriceCatalog empty() {
        return EMPTY;
    }

    /**
     * A catalog of {@code prices}.
     *
     * @throws IllegalArgumentException when two of them price the same provider and model
     */
    public static PriceCatalog of(List<Price> prices) {
        Map<String, Price> byKey = new LinkedHashMap<>();
        for (Price price : prices) {
            if (byKey.put(key(price.provider(), price.model()), price) != null) {
                throw new IllegalArgumentException("two prices for " + price.provider() + "/" + price.model());
            }
        }
        return new PriceCatalog(byKey);
    }

    /**
     * The prices {@code provider}'s module ships ({@code META-INF/imagegen4j/prices/<id>.properties},
     * read through the provider's class loader); empty when it ships none.
     *
     * @throws IllegalArgumentException naming the resource and the key when the resource is malformed
     */
    public static PriceCatalog bundled(ImageProvider provider) {
        Objects.requireNonNull(provider, "provider");
        String name = RESOURCE_DIRECTORY + provider.id() + ".properties";
        ClassLoader loader = provider.getClass().getClassLoader();
        URL resource = loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
        if (resource == null) {
            return EMPTY;
        }
        try (InputStream in = resource.openStream()) {
            return parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prices in " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The prices in {@code file} (UTF-8, in the form described above).
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and the key when an entry is malformed
     */
    public static PriceCatalog load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /**
     * The prices read from {@code reader}, in the form described above; {@code origin} names it in errors.
     *
     * @throws IOException when reading fails
     * @throws IllegalArgumentException naming {@code origin} and the key when an entry is malformed
     */
    public static PriceCatalog parse(Reader reader, String origin) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, Map<String, String>> entries = new TreeMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            int slash = key.indexOf('/');
            int dot = key.lastIndexOf('.');
            if (slash <= 0 || dot < slash + 2 || dot == key.length() - 1) {
                throw new IllegalArgumentException(origin + ": key " + key
                        + " is not <provider>/<model>.<field>");
            }
            String field = key.substring(dot + 1);
            String baseField = field.contains("@") ? field.substring(0, field.indexOf('@')) : field;
            if (!FIELDS.contains(baseField) || (!baseField.equals(PER_IMAGE) && !baseField.equals(field))) {
                throw new IllegalArgumentException(origin + ": key " + key + " has the unknown field " + field
                        + "; the fields are " + String.join(", ", FIELDS) + " and per-image@<size or quality>");
            }
            entries.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(field, properties.getProperty(key).trim());
        }
        List<Price> prices = new ArrayList<>();
        entries.forEach((entry, fields) -> prices.add(price(origin, entry, fields)));
        return of(prices);
    }

    private static Price price(String origin, String entry, Map<String, String> fields) {
        String where = origin + ": " + entry;
        String date = fields.get("date");
        String source = fields.get("source");
        if (date == null || source == null || source.isEmpty()) {
            throw new IllegalArgumentException(where + " needs both a date and a source, so that every figure "
                    + "says where it comes from");
        }
        LocalDate read;
        try {
            read = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ".date must be an ISO date such as 2026-12-02 but was " + date, e);
        }
        Price.TokenRates tokens = null;
        if (TOKEN_FIELDS.stream().anyMatch(fields::containsKey)) {
            tokens = new Price.TokenRates(figure(where, fields, "text-input"), figure(where, fields, "cached-text-input"),
                    figure(where, fields, "image-input"), figure(where, fields, "cached-image-input"),
                    figure(where, fields, "image-output"), figure(where, fields, "text-output"));
        }
        Map<String, BigDecimal> perImage = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(PER_IMAGE)) {
                BigDecimal price = figure(where, fields, field);
                if (price != null) {
                    perImage.put(field.equals(PER_IMAGE) ? "" : field.substring(PER_IMAGE.length() + 1), price);
                }
            }
        });
        Price.ImageRates images = perImage.isEmpty() ? null : new Price.ImageRates(perImage,
                figure(where, fields, "per-extra-megapixel"), figure(where, fields, "usd-per-credit"));
        int slash = entry.indexOf('/');
        return new Price(entry.substring(0, slash), entry.substring(slash + 1), tokens, images, read, source,
                fields.getOrDefault("note", ""));
    }

    /** A figure: a non-negative decimal, or {@code null} for "unknown" or absent. */
    private static @Nullable BigDecimal figure(String where, Map<String, String> fields, String field) {
        String value = fields.get(field);
        if (value == null || value.equals("unknown")) {
            return null;
        }
        try {
            BigDecimal figure = new BigDecimal(value);
            if (figure.signum() < 0) {
                throw new IllegalArgumentException(where + "." + field + " must not be negative but was " + value);
            }
            return figure;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "." + field + " must be a decimal number or unknown but was "
                    + value, e);
        }
    }

    /** This catalog with the entries of {@code overrides} added, replacing any of the same provider and model. */
    public PriceCatalog withOverrides(PriceCatalog overrides) {
        Map<String, Price> merged = new LinkedHashMap<>(prices);
        merged.putAll(overrides.prices);
        return new PriceCatalog(merged);
    }

    /** The entry for {@code model} of {@code provider}: its own, else the provider's {@code *} entry. */
    public Optional<Price> find(String provider, String model) {
        Price price = prices.get(key(provider, model));
        return Optional.ofNullable(price != null ? price : prices.get(key(provider, ANY_MODEL)));
    }

    /** Every entry, in the order given (files: sorted by provider and model). */
    public List<Price> prices() {
        return List.copyOf(prices.values());
    }

    private static String key(String provider, String model) {
        return provider + "/" + model;
    }

    @Override
    public String toString() {
        return "PriceCatalog" + prices.keySet();
    }
}
