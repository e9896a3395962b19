/** The {@code stability} provider for Stability AI's Stable Image API (v2beta generate endpoints). */
module dev.imagegen4j.stability {
    requires transitive dev.imagegen4j.core;
    requires dev.imagegen4j.http;
    requires static transitive org.jspecify;
    requires com.google.gson;

    exports dev.imagegen4j.stability;

    provides dev.imagegen4j.spi.ImageProvider with dev.imagegen4j.stability.StabilityImageProvider;
}
