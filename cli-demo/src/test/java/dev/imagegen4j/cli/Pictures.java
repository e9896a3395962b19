package dev.imagegen4j.cli;

import dev.imagegen4j.Background;
import dev.imagegen4j.ImageGenerator;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.ImageRequest;
import dev.imagegen4j.ImageSize;
import dev.imagegen4j.OutputFormat;
import dev.imagegen4j.ProviderConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Pictures to edit, drawn by the in-process mock. */
final class Pictures {
    private Pictures() {
    }

    /** A PNG of one of gpt-image-1's sizes in {@code dir}, with an alpha channel when {@code alpha}. */
    static Path picture(Path dir, String name, int width, int height, boolean alpha) throws IOException {
        ImageRequest request = ImageRequest.builder("a picture to edit").model("gpt-image-1")
                .size(ImageSize.of(width, height)).outputFormat(OutputFormat.PNG)
                .background(alpha ? Background.TRANSPARENT : Background.OPAQUE).build();
        try (ImageGenerator mock = ImageGenerator.create(ImageProviders.get("mock"), ProviderConfig.builder()
                .environment(Map.of()).systemProperties(Map.of()).build())) {
            return mock.generate(request).image().writeTo(dir.resolve(name));
        }
    }
}
