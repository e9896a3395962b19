/** An example Spring Boot service on imagegen4j's starter: {@code POST /images} answers with the image. */
@NullMarked
package dev.imagegen4j.example;

import org.jspecify.annotations.NullMarked;
