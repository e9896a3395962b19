package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratedImageTest {
    private static final String NOT_AN_IMAGE = "the bytes are not a PNG, JPEG or WebP image (they start with ";
    private static final String TRUNCATED = "the image header is truncated";

    @TempDir
    Path directory;

    // ---------------------------------------------------------------- format and dimensions

    static Stream<Arguments> realImages() {
        return Stream.of(
                Arguments.of("PNG 1x1", png(1, 1), ImageFormat.PNG, 1, 1),
                Arguments.of("PNG 37x21", png(37, 21), ImageFormat.PNG, 37, 21),
                Arguments.of("PNG 1536x1024", png(1536, 1024), ImageFormat.PNG, 1536, 1024),
                Arguments.of("PNG 1024x1536", png(1024, 1536), ImageFormat.PNG, 1024, 1536),
                Arguments.of("JPEG 1x1", jpeg(1, 1), ImageFormat.JPEG, 1, 1),
                Arguments.of("JPEG 37x21", jpeg(37, 21), ImageFormat.JPEG, 37, 21),
                Arguments.of("JPEG 1536x1024", jpeg(1536, 1024), ImageFormat.JPEG, 1536, 1024),
                Arguments.of("JPEG 37x21 with a 64 KiB APP1 segment before SOF",
                        withSegmentAfterSoi(jpeg(37, 21), 0xE1, exifLikePayload(65_533)), ImageFormat.JPEG, 37, 21),
                Arguments.of("JPEG 37x21 with two large APP segments and fill bytes",
                        withFillBytesBeforeFirstMarker(withSegmentAfterSoi(withSegmentAfterSoi(jpeg(37, 21),
                                0xED, exifLikePayload(40_000)), 0xE1, exifLikePayload(65_533))),
                        ImageFormat.JPEG, 37, 21),
                Arguments.of("progressive JPEG 37x21", progressiveJpeg(37, 21), ImageFormat.JPEG, 37, 21),
                Arguments.of("progressive JPEG 1536x1024", progressiveJpeg(1536, 1024), ImageFormat.JPEG, 1536, 1024),
                Arguments.of("lossy WebP (VP8) 33x17", resource("lossy-33x17.webp"), ImageFormat.WEBP, 33, 17),
                Arguments.of("lossless WebP (VP8L) 17x33", resource("lossless-17x33.webp"), ImageFormat.WEBP, 17, 33),
                Arguments.of("extended WebP with alpha (VP8X) 31x19", resource("alpha-31x19.webp"),
                        ImageFormat.WEBP, 31, 19));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realImages")
    void readsFormatAndDimensionsFromTheEncodedBytes(String name, byte[] encoded, ImageFormat format, int width,
                                                     int height) {
        GeneratedImage image = GeneratedImage.ofBytes(encoded);

        assertThat(image.format()).isEqualTo(format);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        assertThat(image.size()).isEqualTo(ImageSize.of(width, height));
        assertThat(image.byteCount()).isEqualTo(encoded.length);
        assertThat(image.file()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realImages")
    void readsTheSameHeaderFromAFile(String name, byte[] encoded, ImageFormat format, int width, int height)
            throws IOException {
        Path file = Files.write(directory.resolve("image." + format.extension()), encoded);

        GeneratedImage image = GeneratedImage.ofFile(file);

        assertThat(image.format()).isEqualTo(format);
        assertThat(image.size()).isEqualTo(ImageSize.of(width, height));
        assertThat(image.byteCount()).isEqualTo(encoded.length);
        assertThat(image.file()).isEqualTo(file);
    }

    @Test
    void fixturesAreTheKindsTheyClaimToBe() {
        byte[] progressive = progressiveJpeg(37, 21);
        byte[] baseline = jpeg(37, 21);
        byte[] lossy = resource("lossy-33x17.webp");
        byte[] lossless = resource("lossless-17x33.webp");
        byte[] extended = resource("alpha-31x19.webp");

        int progressiveFrame = frameMarker(progressive);
        int baselineFrame = frameMarker(baseline);

        assertThat(progressiveFrame).isEqualTo(0xC2);
        assertThat(baselineFrame).isEqualTo(0xC0);
        assertThat(ascii(lossy, 12, 4)).isEqualTo("VP8 ");
        assertThat(ascii(lossless, 12, 4)).isEqualTo("VP8L");
        assertThat(ascii(extended, 12, 4)).isEqualTo("VP8X");
        assertThat(extended[20] & 0x10).as("VP8X alpha flag").isEqualTo(0x10);
    }

    @Test
    void ignoresAFakeFrameHeaderInsideAnAppSegment() {
        // A reader that scans for FF C0 instead of walking the segments would find 1x1 here.
        byte[] fakeFrame = {(byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01};
        byte[] payload = new byte[900];
        for (int i = 0; i + fakeFrame.length <= payload.length; i += fakeFrame.length) {
            System.arraycopy(fakeFrame, 0, payload, i, fakeFrame.length);
        }
        byte[] encoded = withSegmentAfterSoi(jpeg(37, 21), 0xE1, payload);

        GeneratedImage image = GeneratedImage.ofBytes(encoded);

        assertThat(image.size()).isEqualTo(ImageSize.of(37, 21));
    }

    static Stream<Arguments> largestWebpHeaders() {
        return Stream.of(
                // VP8: 14-bit sizes; the top two bits are scaling hints and are not part of the size.
                Arguments.of("VP8 16383x16383 with scale bits set", webp("VP8 ",
                        0x00, 0x00, 0x00, 0x9D, 0x01, 0x2A, 0xFF, 0xFF, 0xFF, 0xFF), 16383, 16383),
                // VP8L: 0x2F, then width-1 and height-1 in 14 bits each.
                Arguments.of("VP8L 16384x16384", webp("VP8L", 0x2F, 0xFF, 0xFF, 0xFF, 0x0F), 16384, 16384),
                Arguments.of("VP8L 1x16384", webp("VP8L", 0x2F, 0x00, 0xC0, 0xFF, 0x0F), 1, 16384),
                // VP8X: flags and reserved (4), then width-1 and height-1 in 24 bits each.
                Arguments.of("VP8X 16777216x1", webp("VP8X",
                        0x10, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00), 16_777_216, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largestWebpHeaders")
    void readsTheLargestSizeEachWebpHeaderCanExpress(String name, byte[] header, int width, int height) {
        GeneratedImage image = GeneratedImage.ofBytes(header);

        assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
    }

    // ---------------------------------------------------------------- rejection

    static Stream<Arguments> notImages() {
        byte[] png = png(37, 21);
        byte[] jpeg = jpeg(37, 21);
        byte[] lossy = resource("lossy-33x17.webp");
        byte[] unknownChunk = lossy.clone();
        unknownChunk[15] = 'Z';
        byte[] noIhdr = png.clone();
        System.arraycopy("IDAT".getBytes(StandardCharsets.US_ASCII), 0, noIhdr, 12, 4);
        byte[] zeroWidth = png.clone();
        Arrays.fill(zeroWidth, 16, 20, (byte) 0);
        return Stream.of(
                Arguments.of("empty", new byte[0], NOT_AN_IMAGE + "nothing: they are empty)"),
                Arguments.of("text", "hello, world".getBytes(StandardCharsets.US_ASCII),
                        NOT_AN_IMAGE + "68 65 6c 6c 6f 2c 20 77)"),
                Arguments.of("one byte", new byte[] {(byte) 0x89}, NOT_AN_IMAGE + "89)"),
                Arguments.of("a real GIF", gif(37, 21), NOT_AN_IMAGE + "47 49 46 38 39 61 25 00)"),
                Arguments.of("PNG cut after the signature", Arrays.copyOf(png, 8), TRUNCATED),
                Arguments.of("PNG cut inside IHDR", Arrays.copyOf(png, 20), TRUNCATED),
                Arguments.of("PNG whose first chunk is not IHDR", noIhdr, "the PNG does not start with an IHDR chunk"),
                Arguments.of("PNG of width 0", zeroWidth, "the PNG header gives an impossible size 0x21"),
                Arguments.of("JPEG without SOF", withoutFrameHeader(jpeg),
                        "the JPEG has no frame header before its image data"),
                Arguments.of("JPEG of SOI and EOI only", bytes(0xFF, 0xD8, 0xFF, 0xD9),
                        "the JPEG has no frame header before its image data"),
                Arguments.of("JPEG cut inside a large APP1 segment",
                        Arrays.copyOf(withSegmentAfterSoi(jpeg, 0xE1, exifLikePayload(65_533)), 30_000), TRUNCATED),
                Arguments.of("JPEG cut inside SOF", Arrays.copyOf(jpeg, frameOffset(jpeg) + 6), TRUNCATED),
                Arguments.of("JPEG with data where a marker belongs", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04,
                        0x00, 0x00, 0x12), "the JPEG has no marker where one is expected"),
                Arguments.of("JPEG segment of length 1", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01),
                        "the JPEG has a segment of impossible length 1"),
                Arguments.of("WebP cut inside the VP8 frame header", Arrays.copyOf(lossy, 24), TRUNCATED),
                Arguments.of("WebP with an unknown first chunk", unknownChunk,
                        "the WebP starts with an unknown chunk 'VP8Z'"),
                Arguments.of("WebP VP8 without start code", webp("VP8 ", 0, 0, 0, 1, 2, 3, 4, 5, 6, 7),
                        "the WebP VP8 frame has no start code"),
                Arguments.of("WebP VP8L without signature", webp("VP8L", 0x2E, 0, 0, 0, 0),
                        "the WebP VP8L chunk has no signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notImages")
    void rejectsBytesThatAreNotAnImageSayingWhy(String name, byte[] encoded, String message) {
        assertThatThrownBy(() -> GeneratedImage.ofBytes(encoded))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAFileThatIsNotAnImageNamingTheFile() throws IOException {
        Path file = Files.write(directory.resolve("notes.txt"), "hello, world".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> GeneratedImage.ofFile(file))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": " + NOT_AN_IMAGE + "68 65 6c 6c 6f 2c 20 77)");
    }

    @Test
    void reportsAMissingFileAsUncheckedIoException() {
        Path missing = directory.resolve("missing.png");

        assertThatThrownBy(() -> GeneratedImage.ofFile(missing))
                .isExactlyInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read image file " + missing)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    // ---------------------------------------------------------------- copies and streams

    @Test
    void ofBytesCopiesTheArrayIn() {
        byte[] encoded = png(37, 21);
        byte[] original = encoded.clone();
        GeneratedImage image = GeneratedImage.ofBytes(encoded);

        Arrays.fill(encoded, (byte) 0);

        assertThat(image.bytes()).isEqualTo(original);
    }

    @Test
    void bytesReturnsAFreshCopyEachTime() {
        byte[] encoded = png(37, 21);
        GeneratedImage image = GeneratedImage.ofBytes(encoded);

        byte[] first = image.bytes();
        Arrays.fill(first, (byte) 0);
        byte[] second = image.bytes();

        assertThat(second).isEqualTo(encoded).isNotSameAs(first);
    }

    @Test
    void openStreamReturnsTheBytes() throws IOException {
        byte[] encoded = jpeg(37, 21);
        GeneratedImage image = GeneratedImage.ofBytes(encoded);

        byte[] read;
        try (InputStream in = image.openStream()) {
            read = in.readAllBytes();
        }

        assertThat(read).isEqualTo(encoded);
    }

    @Test
    void openStreamOfAFileBackedImageReturnsTheFileContent() throws IOException {
        byte[] encoded = resource("alpha-31x19.webp");
        GeneratedImage image = GeneratedImage.ofFile(Files.write(directory.resolve("a.webp"), encoded));

        byte[] read;
        try (InputStream in = image.openStream()) {
            read = in.readAllBytes();
        }

        assertThat(read).isEqualTo(encoded);
    }

    @Test
    void ofFileReadsOnlyTheHeaderAndReportsTheFileSize() throws IOException {
        // A valid header followed by a body no decoder would accept.
        byte[] content = Arrays.copyOf(Arrays.copyOf(png(37, 21), 33), 100_033);
        Arrays.fill(content, 33, content.length, (byte) 0x5A);
        Path file = Files.write(directory.resolve("header-only.png"), content);

        GeneratedImage image = GeneratedImage.ofFile(file);

        assertThat(image.size()).isEqualTo(ImageSize.of(37, 21));
        assertThat(image.byteCount()).isEqualTo(100_033);
    }

    @Test
    void fileBackedImageReadsTheFileWhenItsBytesAreAskedFor() throws IOException {
        byte[] encoded = png(37, 21);
        Path file = Files.write(directory.resolve("lazy.png"), encoded);
        GeneratedImage image = GeneratedImage.ofFile(file);
        byte[] rewritten = encoded.clone();
        rewritten[rewritten.length - 1] ^= 0x01;
        Files.write(file, rewritten);

        byte[] bytes = image.bytes();

        assertThat(bytes).isEqualTo(rewritten);
    }

    @Test
    void bytesOfAFileBackedImageWhoseFileIsGoneFailsNamingTheFile() throws IOException {
        Path file = Files.write(directory.resolve("gone.png"), png(37, 21));
        GeneratedImage image = GeneratedImage.ofFile(file);
        Files.delete(file);

        assertThatThrownBy(image::bytes)
                .isExactlyInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read image file " + file)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    // ---------------------------------------------------------------- toString

    @Test
    void toStringShowsFormatSizeAndLengthOnly() {
        byte[] encoded = png(37, 21);
        GeneratedImage image = GeneratedImage.ofBytes(encoded);

        String text = image.toString();

        assertThat(text).isEqualTo("GeneratedImage[image/png 37x21, " + encoded.length + " bytes]");
        assertThat(text)
                .doesNotContain(Base64.getEncoder().encodeToString(encoded).substring(0, 12))
                .doesNotContain(Arrays.toString(encoded).substring(0, 12))
                .doesNotContain("PNG");
    }

    @Test
    void toStringOfAFileBackedImageNamesTheFile() throws IOException {
        byte[] encoded = resource("lossy-33x17.webp");
        Path file = Files.write(directory.resolve("lossy.webp"), encoded);
        GeneratedImage image = GeneratedImage.ofFile(file);

        String text = image.toString();

        assertThat(text).isEqualTo("GeneratedImage[image/webp 33x17, 136 bytes, file " + file + "]");
    }

    // ---------------------------------------------------------------- writeTo

    @Test
    void writeToWritesTheExactBytesAndLeavesNoTemporaryFile() throws IOException {
        byte[] encoded = png(37, 21);
        GeneratedImage image = GeneratedImage.ofBytes(encoded);
        Path target = directory.resolve("out.png");

        Path written = image.writeTo(target);

        assertThat(written).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(encoded);
        assertThat(entries(directory)).containsExactly(target);
    }

    @Test
    void writeToCopiesAFileBackedImage() throws IOException {
        byte[] encoded = resource("lossless-17x33.webp");
        Path source = Files.write(directory.resolve("source.webp"), encoded);
        Path target = directory.resolve("copy.webp");

        GeneratedImage.ofFile(source).writeTo(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(encoded);
        assertThat(entries(directory)).containsExactlyInAnyOrder(source, target);
    }

    @Test
    void writeToCreatesMissingParentDirectories() throws IOException {
        byte[] encoded = jpeg(37, 21);
        Path target = directory.resolve("a/b/c/out.jpg");

        GeneratedImage.ofBytes(encoded).writeTo(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(encoded);
        assertThat(entries(target.getParent())).containsExactly(target);
    }

    @Test
    void writeToRefusesAnExistingTargetAndLeavesItUntouched() throws IOException {
        Path target = Files.writeString(directory.resolve("out.png"), "keep me");
        GeneratedImage image = GeneratedImage.ofBytes(png(37, 21));

        assertThatThrownBy(() -> image.writeTo(target))
                .isExactlyInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(target + ": not replaced; pass REPLACE_EXISTING to replace it");

        assertThat(Files.readString(target)).isEqualTo("keep me");
        assertThat(entries(directory)).containsExactly(target);
    }

    @Test
    void writeToReplacesAnExistingTargetWhenAsked() throws IOException {
        Path target = Files.writeString(directory.resolve("out.png"), "old content");
        byte[] encoded = png(37, 21);

        Path written = GeneratedImage.ofBytes(encoded).writeTo(target, StandardCopyOption.REPLACE_EXISTING);

        assertThat(written).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(encoded);
        assertThat(entries(directory)).containsExactly(target);
    }

    @Test
    void writeToThatFailsLeavesNeitherTargetNorTemporaryFile() throws IOException {
        Path source = Files.write(directory.resolve("source.png"), png(37, 21));
        GeneratedImage image = GeneratedImage.ofFile(source);
        Files.delete(source);
        Path target = directory.resolve("out.png");

        assertThatThrownBy(() -> image.writeTo(target))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(source.toString());

        assertThat(entries(directory)).isEmpty();
    }

    @Test
    void writeToThatFailsWhenReplacingKeepsTheOldTarget() throws IOException {
        Path source = Files.write(directory.resolve("source.png"), png(37, 21));
        GeneratedImage image = GeneratedImage.ofFile(source);
        Files.delete(source);
        Path target = Files.writeString(directory.resolve("out.png"), "keep me");

        assertThatThrownBy(() -> image.writeTo(target, StandardCopyOption.REPLACE_EXISTING))
                .isInstanceOf(NoSuchFileException.class);

        assertThat(Files.readString(target)).isEqualTo("keep me");
        assertThat(entries(directory)).containsExactly(target);
    }

    @Test
    void writeToGivesTheTargetTheSamePermissionsAsAnyNewFile() throws IOException {
        assumeThat(Files.getFileAttributeView(directory, PosixFileAttributeView.class)).isNotNull();
        Path ordinary = Files.createFile(directory.resolve("ordinary"));
        Path target = directory.resolve("out.png");

        GeneratedImage.ofBytes(png(37, 21)).writeTo(target);

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    // ---------------------------------------------------------------- fixtures

    static byte[] png(int width, int height) {
        return encode(gradient(width, height), "png");
    }

    private static byte[] gif(int width, int height) {
        return encode(gradient(width, height), "gif");
    }

    static byte[] jpeg(int width, int height) {
        return encode(gradient(width, height), "jpg");
    }

    static byte[] progressiveJpeg(int width, int height) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(gradient(width, height), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 7) & 0xFF) << 16 | ((y * 13) & 0xFF) << 8 | ((x + y) & 0xFF));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] resource(String name) {
        try (InputStream in = GeneratedImageTest.class.getResourceAsStream("/images/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Exif\0\0" followed by filler, like the APP1 segment a camera writes. */
    private static byte[] exifLikePayload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31);
        }
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 6);
        return payload;
    }

    /** {@code jpeg} with a segment of {@code marker} inserted right after SOI. */
    private static byte[] withSegmentAfterSoi(byte[] jpeg, int marker, byte[] payload) {
        int length = payload.length + 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("segment too long");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code jpeg} with fill bytes (extra 0xFF) before the first marker after SOI, which JPEG allows. */
    private static byte[] withFillBytesBeforeFirstMarker(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(bytes(0xFF, 0xFF, 0xFF));
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code jpeg} with its start-of-frame segment removed. */
    private static byte[] withoutFrameHeader(byte[] jpeg) {
        int offset = frameOffset(jpeg);
        int length = ((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, offset);
        out.write(jpeg, offset + 2 + length, jpeg.length - offset - 2 - length);
        return out.toByteArray();
    }

    /** The marker byte of the start-of-frame segment, e.g. 0xC0 for baseline, 0xC2 for progressive. */
    private static int frameMarker(byte[] jpeg) {
        return jpeg[frameOffset(jpeg) + 1] & 0xFF;
    }

    /** Where the start-of-frame segment begins, found by walking the segments of a well-formed JPEG. */
    private static int frameOffset(byte[] jpeg) {
        int offset = 2;
        while (offset + 4 <= jpeg.length) {
            int marker = jpeg[offset + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return offset;
            }
            offset += 2 + (((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF));
        }
        throw new IllegalStateException("no SOF in fixture");
    }

    /** A RIFF/WEBP file holding one chunk with {@code fourcc} and {@code payload}. */
    static byte[] webp(String fourcc, int... payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int riffSize = 4 + 8 + payload.length;
        out.writeBytes(bytes(riffSize & 0xFF, (riffSize >> 8) & 0xFF, 0, 0));
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes(payload.length, 0, 0, 0));
        out.writeBytes(bytes(payload));
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void carriesTheSeedItsProviderReportsWithoutCopyingTheBytes() {
        GeneratedImage image = GeneratedImage.ofBytes(png(3, 2));

        GeneratedImage seeded = image.withSeed(42);

        assertThat(image.seed()).isEmpty();
        assertThat(seeded.seed()).hasValue(42);
        assertThat(seeded.bytes()).isEqualTo(image.bytes());
        assertThat(seeded).hasToString("GeneratedImage[image/png 3x2, " + image.byteCount() + " bytes, seed 42]");
    }
}
