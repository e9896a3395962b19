package dev.imagegen4j.langchain4j;

import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.testing.DocumentationSnippets;
import dev.imagegen4j.testing.DocumentationSnippets.Integration;
import dev.imagegen4j.testing.DocumentationSnippets.Snippet;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation's LangChain4j snippets compile, as written, against this module and langchain4j-core, and run on the mock. */
class ReadmeSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void compilesAndRunsTheLangChain4jSnippets() throws Exception {
        List<Snippet> snippets = DocumentationSnippets.compile(Integration.LANGCHAIN4J, dir);

        String previous = System.getProperty(ImageProviders.PROVIDER_PROPERTY);
        System.setProperty(ImageProviders.PROVIDER_PROPERTY, "mock");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            for (Snippet snippet : snippets) {
                String type = snippet.sourcePath().toString().replace(".java", "").replace('/', '.');
                loader.loadClass(type).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
            }
        } finally {
            if (previous == null) {
                System.clearProperty(ImageProviders.PROVIDER_PROPERTY);
            } else {
                System.setProperty(ImageProviders.PROVIDER_PROPERTY, previous);
            }
        }
    }
}
