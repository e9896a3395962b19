/**
 * Spring Boot auto-configuration of imagegen4j: an {@code ImageGenerator} bean configured under
 * {@code imagegen4j.*} ({@link dev.imagegen4j.spring.Imagegen4jProperties}), and, when their libraries
 * are present, observations, a health contributor and a Spring AI {@code ImageModel}.
 */
@NullMarked
package dev.imagegen4j.spring;

import org.jspecify.annotations.NullMarked;
