package dev.imagegen4j.spring;

import dev.imagegen4j.testing.DocumentationSnippets;
import dev.imagegen4j.testing.DocumentationSnippets.Integration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation's Spring Boot and Spring AI snippets compile, as written, against the starter, Spring and Spring AI. */
class ReadmeSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void compilesTheSpringSnippets() throws Exception {
        DocumentationSnippets.compile(Integration.SPRING, dir);
    }
}
