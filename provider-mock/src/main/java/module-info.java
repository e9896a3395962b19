/**
 * The {@code mock} provider: deterministic offline images, scripted faults, and a loopback server
 * speaking the GPTProto wire protocol and Black Forest Labs' asynchronous API.
 */
module dev.imagegen4j.mock {
    requires transitive dev.imagegen4j.core;
    requires dev.imagegen4j.openai;
    requires dev.imagegen4j.bfl.api;
    requires static transitive org.jspecify;
    requires java.desktop;
    requires jdk.httpserver;
    requires com.google.gson;

    exports dev.imagegen4j.mock;

    provides dev.imagegen4j.spi.ImageProvider with dev.imagegen4j.mock.MockImageProvider;
}
