/**
 * Micrometer observations of imagegen4j generations and provider calls, named after the OpenTelemetry
 * GenAI conventions, and the meters that go with them.
 */
module dev.imagegen4j.micrometer {
    requires transitive dev.imagegen4j.core;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;
    requires static micrometer.core;
    requires static transitive org.jspecify;

    exports dev.imagegen4j.micrometer;
}
