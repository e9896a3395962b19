package dev.imagegen4j.micrometer;

import dev.imagegen4j.testing.DocumentationSnippets;
import dev.imagegen4j.testing.DocumentationSnippets.Integration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation's Micrometer snippets compile, as written, against this module and Micrometer. */
class ReadmeSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void compilesTheMicrometerSnippets() throws Exception {
        DocumentationSnippets.compile(Integration.MICROMETER, dir);
    }
}
