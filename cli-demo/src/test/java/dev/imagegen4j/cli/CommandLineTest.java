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
        assertThat(result.out()).contains("generate", "validate", "providers", "batch", "serve-mock",
                "generate-completion", "Exit codes:", "0   success", "1   anything else",
                "2   usage error or invalid request", "3   authentication, permission or balance", "4   rate limited",
                "5   content policy", "6   server, network or timeout");
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
            "--size|12x|Invalid value for option '--size': size must be 'auto' or WIDTHxHEIGHT such as 1536x1024 but "
                    + "was '12x'",
            "--quality|ultra|Invalid value for option '--quality': expected one of [AUTO, LOW, MEDIUM, HIGH] "
                    + "(case-insensitive) but was 'ultra'",
            "--format|gif|Invalid value for option '--format': expected one of [AUTO, PNG, JPEG, WEBP] "
                    + "(case-insensitive) but was 'gif'",
            "-n|two|Invalid value for option '-n': 'two' is not an int",
            "--colour|red|Unknown options: '--colour', 'red'"})
    void rejectsABadOptionWithAHelpfulMessage(String option, String value, String message) {
        Cli.Result result = run("generate", "a lighthouse", option, value, "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo(message);
        assertThat(result.out()).isEmpty();
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void showsTheUsageAfterABadValue() {
        Cli.Result result = run("generate", "a lighthouse", "--size", "12x", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(1)).startsWith("Usage: imagegen generate ");
    }

    @Test
    void suggestsTheOptionMeantByAnUnknownOne() {
        Cli.Result result = run("generate", "a lighthouse", "--colour", "red", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("Unknown options: '--colour', 'red'",
                "Possible solutions: --compression");
    }

    @Test
    void rejectsAnUnknownCommand() {
        Cli.Result result = run("draw", "a lighthouse");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("Unmatched arguments from index 0: 'draw', 'a lighthouse'");
    }

    @Test
    void rejectsAMissingPrompt() {
        Cli.Result result = run("generate", "-o", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("Missing required parameter: 'PROMPT'");
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
        Files.createFile(dir.resolve("a-lighthouse-1.png"));

        Cli.Result invalid = run("generate", "a lighthouse", "--size", "999x999", "-o", dir.toString());
        Cli.Result refused = run("generate", "a lighthouse", "-o", dir.toString());

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
