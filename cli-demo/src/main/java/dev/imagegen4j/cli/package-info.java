/** The {@code imagegen} command line: {@link dev.imagegen4j.cli.Main}. */
@NullMarked
package dev.imagegen4j.cli;

import org.jspecify.annotations.NullMarked;
