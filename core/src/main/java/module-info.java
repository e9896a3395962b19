/**
 * imagegen4j core: the provider-neutral API, the model catalog with its constraint model,
 * the error types and the provider SPI.
 */
module dev.imagegen4j.core {
    requires static org.jspecify;

    exports dev.imagegen4j;
    exports dev.imagegen4j.spi;

    uses dev.imagegen4j.spi.ImageProvider;
}
