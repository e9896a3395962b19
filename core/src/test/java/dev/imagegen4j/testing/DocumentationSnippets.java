package dev.imagegen4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ```java} blocks of README.md and docs/*.md, each a compilation unit, and javac over them.
 * cli-demo compiles and runs the snippets that need only core and the providers; each integration module
 * (the Spring Boot starter, LangChain4j, Micrometer) compiles those that import its libraries, against its
 * own test class path. Shared with other modules' tests through core's test jar.
 */
public final class DocumentationSnippets {
    /** The project's root directory: the parent of the module whose tests run. */
    public static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    /** The first top-level type, which names the file (only one may be public, and that one comes first). */
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public )?(?:final |abstract )*(?:class|interface|record|enum) (\\w+)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private DocumentationSnippets() {
    }

    /** The integration modules whose snippets cli-demo leaves to them, by what the snippets import. */
    public enum Integration {
        SPRING("import org.springframework.", "import dev.imagegen4j.spring."),
        LANGCHAIN4J("import dev.langchain4j.", "import dev.imagegen4j.langchain4j."),
        MICROMETER("import io.micrometer.", "import dev.imagegen4j.micrometer.");

        private final List<String> imports;

        Integration(String... imports) {
            this.imports = List.of(imports);
        }
    }

    /** One {@code ```java} block: a compilation unit, named as javac requires. */
    public record Snippet(Path document, String code) {
        public boolean isModuleDeclaration() {
            return code.startsWith("module ");
        }

        /** The integration whose libraries the snippet imports, the first in declaration order; {@code null} for none. */
        public @Nullable Integration integration() {
            for (Integration integration : Integration.values()) {
                if (integration.imports.stream().anyMatch(code::contains)) {
                    return integration;
                }
            }
            return null;
        }

        /** The path of its source file relative to a source root. */
        public Path sourcePath() {
            if (isModuleDeclaration()) {
                return Path.of("module-info.java");
            }
            Matcher type = TYPE.matcher(code);
            assertThat(type.find()).as("a top-level type in the snippet of %s:%n%s", document, code).isTrue();
            Matcher pkg = PACKAGE.matcher(code);
            String directory = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
            return Path.of(directory + type.group(1) + ".java");
        }
    }

    /** The snippets of {@code document}, in order. */
    public static List<Snippet> snippets(Path document) throws IOException {
        List<Snippet> found = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(document, StandardCharsets.UTF_8));
        while (block.find()) {
            found.add(new Snippet(document, block.group(1)));
        }
        return found;
    }

    /** README.md, then docs/*.md by name. */
    public static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** Every snippet of every document that imports {@code integration}'s libraries. */
    public static List<Snippet> of(Integration integration) throws IOException {
        List<Snippet> found = new ArrayList<>();
        for (Path document : documents()) {
            snippets(document).stream().filter(snippet -> snippet.integration() == integration).forEach(found::add);
        }
        return found;
    }

    /**
     * Compiles every snippet of {@code integration} against the test class path into {@code dir}, and returns
     * them; fails when there is none or they do not compile.
     */
    public static List<Snippet> compile(Integration integration, Path dir) throws IOException {
        List<Snippet> snippets = of(integration);
        assertThat(snippets).as("snippets that use %s", integration).isNotEmpty();
        compile(snippets, dir.resolve("src"), dir, List.of("-classpath", testClassPath()));
        return snippets;
    }

    /**
     * Compiles {@code snippets} into {@code classes}, writing their sources under {@code sources}, with
     * {@code -Xlint:all -Werror}; fails with javac's messages when they do not compile.
     */
    public static void compile(List<Snippet> snippets, Path sources, Path classes, List<String> options)
            throws IOException {
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(List.of("-d", classes.toString(), "-proc:none", "-Xlint:all", "-Werror"));
        List<Path> files = new ArrayList<>();
        for (Snippet snippet : snippets) {
            Path source = sources.resolve(snippet.sourcePath());
            Files.createDirectories(source.getParent());
            files.add(Files.writeString(source, snippet.code(), StandardCharsets.UTF_8));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            compiled = javac.getTask(messages, fileManager, null, arguments, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
        }
        assertThat(compiled).as("javac of the snippets of %s:%n%s", snippets.get(0).document(), messages).isTrue();
    }

    /** The test class path, as Surefire gives it to a forked JVM. */
    public static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
