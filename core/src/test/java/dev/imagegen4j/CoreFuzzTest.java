package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegen4j.internal.ImageHeader;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.testing.Fuzzing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzing of core's parsers and validators: whatever they are given, they answer with a value or
 * with the one exception their contract names, never with another exception, and never hang. Run
 * longer with {@code -Dfuzz.tries=100000}; see {@link Fuzzing}. Crashes found are pinned in
 * {@link CoreFuzzRegressionTest}.
 */
@AddLifecycleHook(Fuzzing.class)
class CoreFuzzTest {

    // ---------------------------------------------------------------- ImageSize.parse

    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void sizeTextIsASizeOrAnIllegalArgument(@ForAll("sizeTexts") String text) {
        ImageSize size;
        try {
            size = ImageSize.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (size instanceof ImageSize.Exact exact) {
            assertThat(exact.width()).isPositive();
            assertThat(exact.height()).isPositive();
        }
        assertThat(ImageSize.parse(size.text())).isEqualTo(size);
    }

    @Provide
    Arbitrary<String> sizeTexts() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().numeric().ofMaxLength(12),
                Arbitraries.of("0", "00", "1", "016", "2147483647", "2147483648", "999999999", "1000000000", "1e3",
                        "-16", "+16", "16.0", "\u0661\u0666", "\uff11\uff16"));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789xX\u00d7:@kK \t\n\r-+.e,autoAUTO\u00a0\u2007").ofMaxLength(30),
                Combinators.combine(Arbitraries.of("", " ", "\t", "\u00a0"), number,
                                Arbitraries.of("x", "X", "\u00d7", " x ", "\tX\n", "*", "", "xx", "x\u00a0", ":", " : ",
                                        "::"), number,
                                Arbitraries.of("", " ", "\n", "px", "\u2028", "@2K", "@ 4k", "@", "@\u00e9", "@123456789"))
                        .as((before, width, x, height, after) -> before + width + x + height + after),
                Arbitraries.of("auto", "AUTO", " Auto ", "auto\u0000", "aut\u00f6", "\u0130uto"));
    }

    // ---------------------------------------------------------------- ModelSpec.validate

    /** Specs of every size rule and every setting, and a catalog whose unlisted ids are open. */
    private static final ModelCatalog CATALOG = ModelCatalog.of("full", List.of(
            ModelSpecTest.FULL,
            ModelSpecTest.BARE,
            ModelSpecTest.FULL.toBuilder().id("fixed").sizes(SizeRuleTest.FIXED).build(),
            ModelSpecTest.FULL.toBuilder().id("flexible").sizes(SizeRuleTest.FLEXIBLE).build(),
            ModelSpecTest.FULL.toBuilder().id("ratios").sizes(SizeRuleTest.TIERED).build()),
            id -> ModelSpecTest.FULL.toBuilder().id(id).known(false).acceptUndeclaredExtras(true).build());

    @Property(tries = 500)
    @Fuzzing.Timeout(2)
    void validationReportsEveryRequestAndNeverThrows(@ForAll("requests") ImageRequest request,
                                                     @ForAll boolean lenient, @ForAll boolean streaming) {
        ValidationOptions options = new ValidationOptions(lenient, streaming);

        ValidationResult result = CATALOG.validate(request, "p", options);

        assertThat(result.errors()).allSatisfy(violation -> {
            assertThat(violation.field()).isNotBlank();
            assertThat(violation.rule()).isNotBlank();
            assertThat(violation.message()).isNotBlank();
        });
        assertThat(result.warnings()).allSatisfy(warning -> {
            assertThat(warning.code()).isNotBlank();
            assertThat(warning.reason()).isNotBlank();
        });
        if (result.isValid()) {
            ImageRequest resolved = result.requireValid("fuzz");
            // What validation sends is a request the model takes as it is.
            ValidationResult again = CATALOG.validate(resolved, "p", options);
            assertThat(again.errors()).isEmpty();
            assertThat(again.resolved()).isEqualTo(resolved);
            assertThat(again.warnings()).extracting(Warning::code).doesNotContain("size.mapped")
                    .allMatch(code -> !code.endsWith(".dropped") || code.equals("stream.dropped"));
        } else {
            assertThatThrownBy(() -> result.requireValid("fuzz")).isInstanceOf(InvalidRequestException.class);
            if (!lenient) {
                assertThat(result.warnings()).extracting(Warning::code).noneMatch(code -> code.endsWith(".dropped"));
            }
        }
    }

    @Provide
    Arbitrary<ImageRequest> requests() {
        Arbitrary<String> prompts = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.strings().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().whitespace().ofMaxLength(5)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("a\ud83d\ude00 ").ofMinLength(31_990)
                        .ofMaxLength(32_010)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(8)));
        Arbitrary<String> models = Arbitraries.oneOf(
                Arbitraries.of("full", "bare", "fixed", "flexible", "ratios", "unlisted", "", " ", "\t\n", "FULL"),
                Arbitraries.strings().ofMaxLength(20)).injectNull(0.2);
        Arbitrary<ImageSize> sizes = Arbitraries.oneOf(
                Arbitraries.just(ImageSize.AUTO),
                Combinators.combine(Arbitraries.integers().greaterOrEqual(1), Arbitraries.integers().greaterOrEqual(1))
                        .as(ImageSize::of),
                Combinators.combine(Arbitraries.integers().between(1, 300), Arbitraries.integers().between(1, 300))
                        .as((w, h) -> ImageSize.of(w * 16, h * 16)),
                Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(1, 40),
                                Arbitraries.of("1K", "2K", "4K", "8K").injectNull(0.5))
                        .as((w, h, tier) -> new ImageSize.AspectRatio(w, h, tier))).injectNull(0.2);
        InputImage opaque = TestImages.opaque(16, 8);
        InputImage alpha = TestImages.withAlpha(16, 8);
        InputImage other = InputImage.of(TestImages.webp("alpha-31x19.webp"));
        Arbitrary<Integer> anyInt = Arbitraries.integers().injectNull(0.3);
        Arbitrary<Integer> smallInt = Arbitraries.integers().between(-2, 12).injectNull(0.3);
        return Builders.withBuilder(() -> ImageRequest.builder(""))
                .use(prompts).in(ImageRequest.Builder::prompt)
                .use(models).in(ImageRequest.Builder::model)
                .use(Arbitraries.oneOf(anyInt, smallInt)).in(ImageRequest.Builder::count)
                .use(sizes).in(ImageRequest.Builder::size)
                .use(Arbitraries.of(Quality.class).injectNull(0.3)).in(ImageRequest.Builder::quality)
                .use(Arbitraries.of(Background.class).injectNull(0.3)).in(ImageRequest.Builder::background)
                .use(Arbitraries.of(OutputFormat.class).injectNull(0.3)).in(ImageRequest.Builder::outputFormat)
                .use(Arbitraries.oneOf(anyInt, Arbitraries.integers().between(-1, 101))).in(
                        ImageRequest.Builder::outputCompression)
                .use(Arbitraries.of(Moderation.class).injectNull(0.3)).in(ImageRequest.Builder::moderation)
                .use(Arbitraries.longs().injectNull(0.5)).in(ImageRequest.Builder::seed)
                .use(Arbitraries.strings().ofMaxLength(600).injectNull(0.5)).in(ImageRequest.Builder::negativePrompt)
                .use(Arbitraries.of(opaque, alpha, other).list().ofMaxSize(3)).in(ImageRequest.Builder::images)
                .use(Arbitraries.of(opaque, alpha, other).injectNull(0.6)).in(ImageRequest.Builder::mask)
                .use(Arbitraries.oneOf(anyInt, smallInt)).in(ImageRequest.Builder::partialImages)
                .use(Arbitraries.strings().ofMaxLength(10).injectNull(0.5)).in(ImageRequest.Builder::user)
                .use(Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("guidance_scale", "style"),
                        Arbitraries.strings().ofMaxLength(8)), scalars()).ofMaxSize(3))
                .in((builder, extras) -> {
                    extras.forEach((name, value) -> builder.extra("p", name, value));
                    return builder;
                })
                .build(ImageRequest.Builder::build);
    }

    /** Strings, numbers of every Java type and edge, and booleans. */
    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1.5, 2.0,
                        1e300, Float.NaN, 3.0f).map(n -> (Object) n),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("1e-400"), new BigDecimal("2.000"),
                        new BigDecimal("1E+1000000000"), BigInteger.TWO.pow(200), BigInteger.valueOf(3))
                        .map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b));
    }

    // ---------------------------------------------------------------- image headers

    private static final List<byte[]> SEED_IMAGES = List.of(
            GeneratedImageTest.png(37, 21),
            GeneratedImageTest.jpeg(37, 21),
            GeneratedImageTest.progressiveJpeg(21, 37),
            GeneratedImageTest.resource("lossy-33x17.webp"),
            GeneratedImageTest.resource("lossless-17x33.webp"),
            GeneratedImageTest.resource("alpha-31x19.webp"));

    @Property(tries = 1000)
    @Fuzzing.Timeout(2)
    void imageBytesAreAnImageOrAnIllegalArgument(@ForAll("imageBytes") byte[] bytes,
                                                 @ForAll("chunkSizes") List<Integer> chunkSizes) throws IOException {
        GeneratedImage image;
        try {
            image = GeneratedImage.ofBytes(bytes);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThatThrownBy(() -> ImageHeader.read(new ByteArrayInputStream(bytes)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> throughSink(bytes, chunkSizes)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(image.width()).isPositive();
        assertThat(image.height()).isPositive();
        assertThat(image.byteCount()).isEqualTo(bytes.length);
        assertThat(image.bytes()).isEqualTo(bytes);
        ImageHeader header = ImageHeader.read(new ByteArrayInputStream(bytes));
        assertThat(header).isEqualTo(new ImageHeader(image.format(), image.width(), image.height(), header.alpha()));
        GeneratedImage chunked = throughSink(bytes, chunkSizes);
        assertThat(chunked.size()).isEqualTo(image.size());
        assertThat(chunked.bytes()).isEqualTo(bytes);
    }

    /** The bytes written to an in-memory sink in pieces of the given sizes, as a provider decodes them. */
    private static GeneratedImage throughSink(byte[] bytes, List<Integer> chunkSizes) throws IOException {
        try (ImageSink sink = ImageSink.inMemory()) {
            int offset = 0;
            for (int i = 0; offset < bytes.length; i++) {
                int step = Math.min(bytes.length - offset, chunkSizes.isEmpty() ? bytes.length
                        : chunkSizes.get(i % chunkSizes.size()));
                sink.write(bytes, offset, step);
                offset += step;
            }
            return sink.finish();
        }
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 64).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> imageBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(SEED_IMAGES), mutations())
                .as((seed, mutations) -> {
                    byte[] bytes = seed;
                    for (ByteMutation mutation : mutations) {
                        bytes = mutation.apply(bytes);
                    }
                    return bytes;
                });
        Arbitrary<byte[]> headerPrefixed = Combinators.combine(Arbitraries.of(
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
                        "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                        "RIFF\0\0\0\0WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                        "RIFF\0\0\0\0WEBPVP8X".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                random).as(CoreFuzzTest::concat);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, random),
                net.jqwik.api.Tuple.of(2, headerPrefixed),
                net.jqwik.api.Tuple.of(5, mutated));
    }

    private static Arbitrary<List<ByteMutation>> mutations() {
        return Combinators.combine(Arbitraries.of(ByteMutation.Kind.class), Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 16))
                .as(ByteMutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** One edit of a byte string at a relative position, the way a fuzzer breaks valid input. */
    record ByteMutation(Kind kind, double at, int value, int length) {
        enum Kind { FLIP, SET, TRUNCATE, INSERT, DELETE, DUPLICATE, BIG_NUMBER }

        byte[] apply(byte[] in) {
            int position = (int) (at * in.length);
            int end = Math.min(in.length, position + length);
            switch (kind) {
                case FLIP -> {
                    byte[] out = in.clone();
                    if (position < out.length) {
                        out[position] ^= (byte) (1 << (value % 8));
                    }
                    return out;
                }
                case SET -> {
                    byte[] out = in.clone();
                    if (position < out.length) {
                        out[position] = (byte) new int[] {0x00, 0xFF, 0x7F, 0x80, value}[value % 5];
                    }
                    return out;
                }
                case TRUNCATE -> {
                    return Arrays.copyOf(in, position);
                }
                case INSERT -> {
                    byte[] filler = new byte[length];
                    Arrays.fill(filler, (byte) value);
                    return concat(Arrays.copyOf(in, position), filler, Arrays.copyOfRange(in, position, in.length));
                }
                case DELETE -> {
                    return concat(Arrays.copyOf(in, position), Arrays.copyOfRange(in, end, in.length));
                }
                case DUPLICATE -> {
                    return concat(Arrays.copyOf(in, end), Arrays.copyOfRange(in, position, in.length));
                }
                case BIG_NUMBER -> {
                    byte[] out = in.clone();
                    int fill = new int[] {0x00, 0xFF, 0x7F}[value % 3];
                    for (int i = position; i < Math.min(out.length, position + 4); i++) {
                        out[i] = (byte) (i == position && fill == 0x7F ? 0x7F : fill == 0x7F ? 0xFF : fill);
                    }
                    return out;
                }
                default -> throw new AssertionError(kind);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        List<byte[]> list = new ArrayList<>(List.of(parts));
        int length = list.stream().mapToInt(part -> part.length).sum();
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : list) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
