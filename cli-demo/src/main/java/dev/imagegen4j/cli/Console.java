package dev.imagegen4j.cli;

import dev.imagegen4j.Violation;
import dev.imagegen4j.Warning;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Text for people: violations named by their command-line option, file-name slugs. */
final class Console {
    private static final int SLUG_LENGTH = 48;

    private Console() {
    }

    /**
     * One line per violation, naming the option the user can change and the rule broken; the lines after
     * the first start with {@code error: } too, as the first does once printed.
     */
    static String describeViolations(List<Violation> violations) {
        return violations.stream().map(Console::describe).collect(Collectors.joining(System.lineSeparator() + "error: "));
    }

    static String describe(Violation violation) {
        return option(violation.field()) + ": " + violation.message() + " [" + violation.rule() + "]";
    }

    static String describe(Warning warning) {
        return option(warning.setting()) + ": " + warning.reason() + " [" + warning.code() + "]";
    }

    /** The option that sets a request setting; an extra is set with {@code --option NAME=VALUE}. */
    private static String option(String field) {
        String option = RequestOptions.OPTION_BY_FIELD.get(field);
        if (option != null) {
            return option;
        }
        if (field.startsWith("extras.")) {
            return "--option " + field.substring(field.indexOf('.', "extras.".length()) + 1);
        }
        return field;
    }

    /** One violation named by its field, for input written with field names such as a batch line. */
    static String describeField(Violation violation) {
        return violation.field() + ": " + violation.message() + " [" + violation.rule() + "]";
    }

    /** A file-name stem from a prompt: lower-case ASCII words joined by hyphens, e.g. {@code a-lighthouse-at-dusk}. */
    static String slug(String prompt) {
        String ascii = Normalizer.normalize(prompt, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH).replaceAll("-[^-]*$", "");
        }
        return slug.isEmpty() ? "image" : slug;
    }
}
