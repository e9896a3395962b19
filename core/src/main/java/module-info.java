/**
 * imagegen4j core: the provider-neutral API, the model catalog with its constraint model,
 * the error types and the provider SPI.
 */
module dev.imagegen4j.core {
    requires static transitive org.jspecify;

    exports dev.imagegen4j;
    exports dev.imagegen4j.spi;
    // Shared helpers for this project's own provider modules; not API.
    exports dev.imagegen4j.internal to dev.imagegen4j.openai, dev.imagegen4j.http, dev.imagegen4j.gptproto, dev.imagegen4j.mock, dev.imagegen4j.cli;

    uses dev.imagegen4j.spi.ImageProvider;
}
