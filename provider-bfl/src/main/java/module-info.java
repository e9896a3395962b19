/** The {@code bfl} provider for Black Forest Labs' FLUX API, whose generations run as jobs. */
module dev.imagegen4j.bfl {
    requires transitive dev.imagegen4j.core;
    requires dev.imagegen4j.http;
    requires dev.imagegen4j.bfl.api;
    requires static transitive org.jspecify;

    exports dev.imagegen4j.bfl;

    provides dev.imagegen4j.spi.ImageProvider with dev.imagegen4j.bfl.BflImageProvider;
}
