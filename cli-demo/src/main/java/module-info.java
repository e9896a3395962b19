/** The {@code imagegen} command; providers are found at run time through the core's ServiceLoader. */
module dev.imagegen4j.cli {
    requires dev.imagegen4j.core;
    requires static org.jspecify;
    requires info.picocli;
    requires com.google.gson;

    opens dev.imagegen4j.cli to info.picocli;
}
