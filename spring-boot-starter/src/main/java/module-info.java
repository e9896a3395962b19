/**
 * The imagegen4j Spring Boot starter: auto-configuration, {@code imagegen4j.*} properties, observations, a
 * health contributor and a Spring AI {@code ImageModel}. The Spring modules it reads are automatic modules.
 */
module dev.imagegen4j.spring {
    requires transitive dev.imagegen4j.core;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    // Each integration is switched on by what the application puts on its path.
    requires static dev.imagegen4j.micrometer;
    requires static micrometer.observation;
    requires static micrometer.core;
    requires static spring.boot.health;
    requires static spring.ai.model;
    requires static spring.ai.commons;
    requires static transitive org.jspecify;

    exports dev.imagegen4j.spring;
    exports dev.imagegen4j.spring.ai;
    // Spring instantiates the configuration classes and binds the properties reflectively.
    opens dev.imagegen4j.spring to spring.core, spring.beans, spring.context, spring.boot;
}
