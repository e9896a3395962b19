package com.example.solid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/writing-a-provider.md shows the example exactly as it is compiled and tested here. */
class GuideShowsTheExampleTest {
    private static final Path SOURCES = Path.of("src/test/java/com/example/solid");
    private static final Path GUIDE = Path.of("../docs/writing-a-provider.md");

    @ParameterizedTest
    @ValueSource(strings = {"SolidColorProvider.java", "SolidColorProviderConformanceTest.java",
        "SolidRatioConformanceTest.java"})
    void guideContainsTheSourceVerbatim(String file) throws IOException {
        String source = Files.readString(SOURCES.resolve(file)).strip();

        String guide = Files.readString(GUIDE);

        assertTrue(guide.contains(source), "docs/writing-a-provider.md must show " + file + " as it is");
    }
}
