package com.example.solid;

import dev.imagegen4j.Background;
import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageEvent;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageResponse;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.IntRange;
import dev.imagegen4j.ModelCatalog;
import dev.imagegen4j.ModelSpec;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.Quality;
import dev.imagegen4j.SizeRule;
import dev.imagegen4j.Usage;
import dev.imagegen4j.spi.ImageProvider;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** The smallest complete provider: each image is one colour, taken from the prompt. */
public final class SolidColorProvider implements ImageProvider {
    public static final String ID = "solid";

    private static final ModelCatalog MODELS = ModelCatalog.of("solid-1", List.of(
            ModelSpec.builder("solid-1")
                    .known(true)
                    .sizes(SizeRule.fixed(ImageSize.of(256, 256), ImageSize.of(512, 256)))
                    .qualities(Quality.AUTO)
                    .backgrounds(Background.AUTO, Background.OPAQUE)
                    .formats(OutputFormat.AUTO, OutputFormat.PNG)
                    .count(IntRange.of(1, 4))
                    .streaming(false)
                    .build()));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelCatalog models() {
        return MODELS;
    }

    @Override
    public ImageGenerator create(ProviderConfig config) {
        return new Generator();
    }

    private static final class Generator implements ImageGenerator {
        private volatile boolean closed;

        @Override
        public ImageResponse generate(ImageRequest request) {
            if (closed) {
                throw new IllegalStateException("the generator is closed");
            }
            ModelSpec spec = MODELS.specFor(request.model());
            List<String> warnings = spec.validate(request).throwIfInvalid(ID);
            ImageSize size = request.size() == null || request.size().isAuto() ? ImageSize.of(256, 256) : request.size();
            int count = request.count() == null ? 1 : request.count();
            long promptTokens = request.prompt().length() / 4 + 1;
            ImageResponse.Builder response = ImageResponse.builder(ID, spec.id())
                    .size(size.wireName())
                    .outputFormat("png")
                    .usage(new Usage(promptTokens, new Usage.TokenDetails(promptTokens, 0), count,
                            new Usage.TokenDetails(0, count), promptTokens + count))
                    .addWarnings(warnings);
            for (int i = 0; i < count; i++) {
                response.addImage(GeneratedImage.ofBytes(png(size, new Color(request.prompt().hashCode() + i))));
            }
            return response.build();
        }

        @Override
        public ImageResponse stream(ImageRequest request, Consumer<? super ImageEvent> listener) {
            // solid-1 does not stream, so validation refuses this request with stream.not_supported.
            return generate(request.toBuilder().stream(true).build());
        }

        @Override
        public void close() {
            closed = true;
        }

        private static byte[] png(ImageSize size, Color color) {
            BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            graphics.setColor(color);
            graphics.fillRect(0, 0, size.width(), size.height());
            graphics.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }
}
