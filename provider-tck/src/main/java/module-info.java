/** The conformance kit for imagegen4j providers. */
module dev.imagegen4j.tck {
    requires transitive dev.imagegen4j.core;
    requires transitive org.junit.jupiter.api;
    requires static transitive org.jspecify;
    requires java.desktop;

    exports dev.imagegen4j.tck;
    opens dev.imagegen4j.tck to org.junit.platform.commons;
}
