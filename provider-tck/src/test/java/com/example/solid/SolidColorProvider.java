package com.example.solid;

import dev.imagegen4j.ErrorDetails;
import dev.imagegen4j.ExtraSetting;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.GenerationCancelledException;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.InputImage;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.InvalidRequestException;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.ProviderResponseException;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.spi.ImageBackend;
import dev.imagegen4j.spi.ImageProvider;
import dev.imagegen4j.spi.ImageSink;
import dev.imagegen4j.spi.ProviderCall;
import dev.imagegen4j.spi.ProviderResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** A small complete provider: each image is one colour, taken from the request. */
public final class SolidColorProvider implements ImageProvider {
    public static final String ID = "solid";

    /** Calls served by all backends, which the conformance test reports as its I/O. */
    static final AtomicLong CALLS = new AtomicLong();

    private static final ModelSpec SOLID_1 = ModelSpec.builder("solid-1")
            .known(true)
            .sizes(SizeRule.fixed(ImageSize.of(256, 256), ImageSize.of(512, 256)))
            .formats(OutputFormat.PNG)
            .count(IntRange.of(1, 4))
            .maxImagesPerCall(2)
            .seeds(0, Integer.MAX_VALUE)
            .negativePrompt(1_000)
            .inputImages(IntRange.of(0, 1), 4L * 1024 * 1024, ImageFormat.PNG, ImageFormat.JPEG)
            .extras(ExtraSetting.oneOf("finish", "how the colour is mixed", "matte", "glossy"))
            .build();

    private static final ModelSpec SOLID_RATIO = SOLID_1.toBuilder()
            .id("solid-ratio")
            .sizes(SizeRule.aspectRatios(ImageSize.ratio(1, 1), ImageSize.ratio(2, 1), ImageSize.ratio(1, 2)))
            .build();

    private static final ModelCatalog MODELS = ModelCatalog.of("solid-1", List.of(SOLID_1, SOLID_RATIO));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Solid colours";
    }

    @Override
    public ModelCatalog models() {
        return MODELS;
    }

    @Override
    public ImageBackend open(ProviderConfig config) {
        return new Backend();
    }

    private static final class Backend implements ImageBackend {
        @Override
        public ProviderResult generate(ProviderCall call) {
            CALLS.incrementAndGet();
            ImageRequest request = call.request();
            ImageSize.Exact size = pixels(request.size());
            int colour = Objects.hash(request.prompt(), request.seed(), request.negativePrompt(), call.extras(),
                    contentOf(request.images()));
            ProviderResult.Builder result = ProviderResult.builder().size(size.text()).outputFormat("png");
            for (int i = 0; i < call.count(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new GenerationCancelledException("solid was interrupted", ErrorDetails.of(ID), null);
                }
                result.addImage(paint(call, size, new Color(colour + i)));
            }
            return result.build();
        }

        /** solid-1's sizes arrive exact, solid-ratio's as one of its ratios; unset and auto are 256x256. */
        private static ImageSize.Exact pixels(@Nullable ImageSize size) {
            if (size instanceof ImageSize.Exact exact) {
                return exact;
            }
            if (size instanceof ImageSize.AspectRatio ratio) {
                int unit = 256 / Math.min(ratio.width(), ratio.height());
                return ImageSize.of(ratio.width() * unit, ratio.height() * unit);
            }
            return ImageSize.of(256, 256);
        }

        private static int contentOf(List<InputImage> images) {
            int hash = 1;
            for (InputImage image : images) {
                try (InputStream in = image.openStream()) {
                    hash = 31 * hash + Arrays.hashCode(in.readAllBytes());
                } catch (IOException e) {
                    throw new InvalidRequestException("cannot read " + image, ErrorDetails.of(ID), "images", e);
                }
            }
            return hash;
        }

        private static GeneratedImage paint(ProviderCall call, ImageSize.Exact size, Color colour) {
            BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            graphics.setColor(colour);
            graphics.fillRect(0, 0, size.width(), size.height());
            graphics.dispose();
            try (ImageSink sink = call.newSink()) {
                ImageIO.write(image, "png", sink);
                return sink.finish();
            } catch (IOException e) {
                throw new ProviderResponseException("cannot store an image: " + e.getMessage(), ErrorDetails.of(ID), e);
            }
        }

        @Override
        public void close() {
        }
    }
}
