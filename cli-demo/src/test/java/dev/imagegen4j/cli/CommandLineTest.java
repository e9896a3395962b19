package dev.imagegen4j.cli;

import static dev.imagegen4j.cli.Cli.env;
import static dev.imagegen4j.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every command shares: help, version, completion, errors on the command line, and stack traces. */
class CommandLineTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"generate", "validate", "providers", "batch", "serve-mock"})
    void showsHelpForEveryCommand(String command) {
        Cli.Result result = run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: imagegen " + command + " ")
                .contains("-h, --help", "-V, --version", "--debug");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "validate", "providers", "batch", "serve-mock"})
    void showsTheVersionForEveryCommand(String command) {
        Cli.Result result = run(command, "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).singleElement().asString().matches("imagegen (\\(development build\\)|\\d.*)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsTheCommandsAndTheExitCodesInTheTopLevelHelp() {
        Cli.Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("generate", "validate", "estimate", "providers", "batch", "serve-mock",
                "generate-completion", "Exit codes:", "0   success",
                "1   anything else, such as a disk that fills up while writing",
                "2   usage error, invalid request, over --max-cost, bad setting or unwritable", "3   authentication, permission or balance", "4   rate limited",
                "5   content policy", "6   server, network, timeout or an unreadable response");
    }

    @Test
    void showsTheVersion() {
        Cli.Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).singleElement().asString().startsWith("imagegen ");
    }

    @Test
    void generatesABashCompletionScript() {
        Cli.Result result = run("generate-completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_imagegen", "generate", "serve-mock", "--partial-images");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--size|12x|Invalid value for option '--size': size must be auto, WIDTHxHEIGHT such as 1536x1024, or an "
                    + "aspect ratio W:H such as 16:9 (optionally with a tier, 16:9@2K), but was '12x'",
            "--quality|ultra|Invalid value for option '--quality': quality must be one of auto, low, medium, high "
                    + "but was 'ultra'",
            "--format|gif|Invalid value for option '--format': format must be one of auto, png, jpeg, webp "
                    + "but was 'gif'",
            "--background|pink|Invalid value for option '--background': background must be one of auto, opaque, "
                    + "transparent but was 'pink'",
            "-n|two|Invalid value for option '-n': 'two' is not an int"})
    void rejectsABadValueInOneLineWithoutTheUsageText(String option, String value, String message) {
        Cli.Result result = run("generate", "a lighthouse", option, value, "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: " + message + " (see: imagegen generate --help)");
        assertThat(result.out()).isEmpty();
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void takesEnumValuesInAnyCase() {
        Cli.Result result = run("generate", "a lighthouse", "--quality", "LOW", "--format", "Webp", "-o",
                dir.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(dir.resolve("a-lighthouse-1.webp").toString());
    }

    @Test
    void suggestsTheOptionMeantByAnUnknownOne() {
        Cli.Result result = run("generate", "a lighthouse", "--colour", "red", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "error: Unknown options: '--colour', 'red' (see: imagegen generate --help)",
                "Possible solutions: --compression");
    }

    @Test
    void rejectsAnUnknownCommand() {
        Cli.Result result = run("draw", "a lighthouse");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0))
                .isEqualTo("error: Unmatched arguments from index 0: 'draw', 'a lighthouse' (see: imagegen --help)");
    }

    @Test
    void rejectsAMissingPrompt() {
        Cli.Result result = run("generate", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "error: Missing required parameter: 'PROMPT' (see: imagegen generate --help)");
    }

    @Test
    void showsNoStackTraceForAnExpectedError() {
        Cli.Result result = run(env("MOCK_FAULT", "rate_limit"), "generate", "a lighthouse", "--provider", "mock",
                "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.errLines()).containsExactly("error: Rate limit reached for images per minute. Please try "
                + "again later. (provider mock, HTTP 429, code rate_limit_exceeded, request req_mock_00000001)");
    }

    @Test
    void showsTheStackTraceWithDebug() {
        Cli.Result result = run(env("MOCK_FAULT", "rate_limit"), "generate", "a lighthouse", "--provider", "mock",
                "--debug", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.errLines().get(0)).startsWith("error: Rate limit reached");
        assertThat(result.errLines().get(1)).startsWith("dev.imagegen4j.RateLimitException: Rate limit reached");
        assertThat(result.errLines()).anySatisfy(line -> assertThat(line).startsWith("\tat "));
    }

    @Test
    void showsNoStackTraceForAnInvalidRequestOrARefusedOverwrite() throws IOException {
        Path existing = Files.createFile(dir.resolve("picture.png"));

        Cli.Result invalid = run("generate", "a lighthouse", "--size", "999x999", "-o", dir.toString());
        Cli.Result refused = run("generate", "a lighthouse", "-o", existing.toString());

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).doesNotContain("\tat ", "Exception");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).doesNotContain("\tat ", "Exception");
    }

    private static long filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
