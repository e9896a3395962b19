/**
 * Black Forest Labs' FLUX API wire, shared by the {@code bfl} provider and the mock provider's server:
 * the model catalog, the submit body of each model, the submit and poll answers, and error bodies.
 */
module dev.imagegen4j.bfl.api {
    requires transitive dev.imagegen4j.core;
    requires static transitive org.jspecify;
    requires com.google.gson;

    exports dev.imagegen4j.bfl.api;
}
