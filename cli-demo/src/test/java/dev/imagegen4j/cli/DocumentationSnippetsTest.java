package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.imagegen4j.testing.DocumentationSnippets.ROOT;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.imagegen4j.GeneratedImage;
import dev.imagegen4j.ImageFormat;
import dev.imagegen4j.ImageProviders;
import dev.imagegen4j.testing.DocumentationSnippets;
import dev.imagegen4j.testing.DocumentationSnippets.Integration;
import dev.imagegen4j.testing.DocumentationSnippets.Snippet;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every {@code ```java} block of README.md and docs/*.md is compiled as it stands, with javax.tools
 * against the test class path, and run: the README's quick start against the mock provider and
 * against gptproto (on a loopback stub), unchanged; the provider guide's provider through its own
 * conformance test. A snippet that stops compiling or working fails the build.
 */
class DocumentationSnippetsTest {
    @TempDir
    Path dir;

    private void compile(List<Snippet> snippets, Path classes, List<String> options) throws IOException {
        DocumentationSnippets.compile(snippets, Files.createDirectories(dir.resolve("src-" + classes.getFileName())),
                classes, options);
    }

    /** The snippets of {@code document} this module compiles: those of no integration module. */
    private static List<Snippet> snippets(Path document) throws IOException {
        return DocumentationSnippets.snippets(document).stream().filter(snippet -> snippet.integration() == null)
                .toList();
    }

    private void compileOnClassPath(List<Snippet> snippets, Path classes) throws IOException {
        compile(snippets.stream().filter(snippet -> !snippet.isModuleDeclaration()).toList(), classes,
                List.of("-classpath", Cli.classPath()));
    }

    @Test
    void findsSnippetsInTheReadmeAndTheProviderGuide() throws IOException {
        assertThat(snippets(ROOT.resolve("README.md"))).isNotEmpty();
        assertThat(DocumentationSnippets.snippets(ROOT.resolve("README.md")).stream().map(Snippet::integration))
                .as("the integrations' snippets, which their modules compile").contains(Integration.values());
        assertThat(snippets(ROOT.resolve("docs").resolve("writing-a-provider.md"))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void compilesEverySnippetOfEveryDocument() throws IOException {
        for (Path document : DocumentationSnippets.documents()) {
            List<Snippet> snippets = snippets(document);
            if (snippets.isEmpty()) {
                continue;
            }
            Path classes = Files.createDirectories(dir.resolve("classes-" + document.getFileName()));

            compileOnClassPath(snippets, classes);

            List<Snippet> modules = snippets.stream().filter(Snippet::isModuleDeclaration).toList();
            if (!modules.isEmpty()) {
                // A module declaration compiles with its module's classes, against core as a module.
                List<Snippet> module = new ArrayList<>(modules);
                // Tests are not part of the module: they run on the class path, where the kit is.
                snippets.stream().filter(snippet -> !snippet.isModuleDeclaration()
                                && !snippet.sourcePath().toString().endsWith("Test.java"))
                        .forEach(module::add);
                compile(module, Files.createDirectories(dir.resolve("module-" + document.getFileName())),
                        List.of("--module-path", moduleOf(ImageProviders.class) + File.pathSeparator
                                + moduleOf(org.jspecify.annotations.Nullable.class)));
            }
        }
    }

    @Test
    void runsTheReadmeQuickStartUnchangedOnTheMockAndOnGptproto() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("readme"));
        List<Snippet> readme = snippets(ROOT.resolve("README.md"));
        compileOnClassPath(readme, classes);
        String main = readme.get(0).sourcePath().toString().replace(".java", "").replace('/', '.');
        Path onMock = Files.createDirectories(dir.resolve("mock"));
        Path onGptproto = Files.createDirectories(dir.resolve("gptproto"));

        Cli.Result mock = Cli.runSubprocess(onMock, env(), quickStart(classes, "mock", main));
        Cli.Result again = Cli.runSubprocess(onMock, env(), quickStart(classes, "mock", main));
        Cli.Result gptproto;
        try (WireStub stub = new WireStub(WireStub.Response.json(200, WireStub.imageJson()))) {
            gptproto = Cli.runSubprocess(onGptproto, env("GPTPROTO_API_KEY", "test-key-readme", "GPTPROTO_BASE_URL",
                    stub.baseUrl()), quickStart(classes, "gptproto", main));
        }

        assertThat(mock.exitCode()).as(mock.err()).isZero();
        GeneratedImage image = GeneratedImage.ofFile(onMock.resolve("lighthouse.png"));
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.size().text()).isEqualTo("1536x1024");
        assertThat(again.exitCode()).as("writeTo refuses to replace the file").isNotZero();
        assertThat(again.err()).contains("FileAlreadyExistsException");
        assertThat(gptproto.exitCode()).as(gptproto.err()).isZero();
        assertThat(onGptproto.resolve("lighthouse.png")).isRegularFile();
    }

    private static List<String> quickStart(Path classes, String provider, String main) {
        return List.of(Cli.javaExecutable(), "-D" + ImageProviders.PROVIDER_PROPERTY + "=" + provider, "-cp",
                classes + File.pathSeparator + Cli.classPath(), main);
    }

    @Test
    void runsTheProviderGuidesConformanceTestAgainstItsProvider() throws Exception {
        Path guide = ROOT.resolve("docs").resolve("writing-a-provider.md");
        Path classes = Files.createDirectories(dir.resolve("guide"));
        compileOnClassPath(snippets(guide), classes);
        Matcher registration = Pattern.compile("META-INF/services/dev\\.imagegen4j\\.spi\\.ImageProvider`:\\s*```\\n"
                + "([^`]+)```").matcher(Files.readString(guide, StandardCharsets.UTF_8));
        assertThat(registration.find()).as("the guide's services file").isTrue();
        Path services = classes.resolve("META-INF/services/dev.imagegen4j.spi.ImageProvider");
        Files.createDirectories(services.getParent());
        Files.writeString(services, registration.group(1), StandardCharsets.UTF_8);
        String testClass = snippets(guide).stream().filter(snippet -> snippet.code().contains("ConformanceKit"))
                .findFirst().orElseThrow().sourcePath().toString().replace(".java", "").replace('/', '.');

        EngineExecutionResults results;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            // The kit finds the provider with ServiceLoader, which looks in the context class loader.
            thread.setContextClassLoader(loader);
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(loader.loadClass(testClass)))
                    .execute();
        } finally {
            thread.setContextClassLoader(previous);
        }

        assertThat(results.testEvents().failed().list()).as("failed checks of the kit").isEmpty();
        assertThat(results.testEvents().succeeded().count()).isGreaterThan(10);
    }

    /** The class path entry, a directory or a jar, that holds {@code type}: a module on the module path. */
    private static String moduleOf(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }
}
