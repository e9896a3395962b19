package dev.imagegen4j.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes the configured secrets from text before it reaches an exception message, a log line or a
 * {@code toString()}. Every text a server controls (error message, code, param, request id, header
 * values) and every I/O exception message passes through one of these. Thread-safe and immutable.
 *
 * <p>A secret is replaced as a whole, and so are its recognisable fragments: an echo of its first
 * {@value #ECHO_PREFIX} characters (a message cut short inside the key, or {@code abcd1234***wxyz}),
 * and masked forms that show its start or end around {@code ***}, {@code …} or {@code ...}
 * ({@code sk-ab…yz}). Anything shaped like an {@code sk-} key is hidden too, whoever's it is. Single
 * characters are never masked: a secret shorter than {@value #ECHO_PREFIX} characters cannot be a
 * real key, is replaced only where it stands as a whole word, and is reported once as a warning.
 */
public final class Redactor {
    private static final System.Logger LOG = System.getLogger(Redactor.class.getName());

    /** How many leading characters of a secret count as an echo of it; also the shortest real secret. */
    public static final int ECHO_PREFIX = 8;

    private static final String MASK = "***";
    private static final String KEY_CHARACTERS = "A-Za-z0-9_\\-";

    // Providers echo keys back masked ("sk-abc12***wxyz", "sk-abc***...xyz"). Dots count only between key
    // characters, so the period that ends a sentence survives. One character class, not a repeated group
    // "(?:\\.+[...]+)*", whose every repetition is a level of recursion in java.util.regex: a message like
    // "sk-abcd.a.a.a…" of a few kilobytes overflowed the stack.
    private static final Pattern KEY_LIKE =
            Pattern.compile("sk-[A-Za-z0-9_*\\-]{4,}(?:[A-Za-z0-9_*.\\-]*[A-Za-z0-9_*\\-])?");

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;
    /** For each secret too short to be a real one, where it stands as a whole word; compiled once, not per text. */
    private final Map<String, Pattern> words;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
        Map<String, Pattern> byWord = new HashMap<>();
        for (String secret : secrets) {
            if (secret.length() < ECHO_PREFIX) {
                byWord.put(secret, Pattern.compile("(?<![" + KEY_CHARACTERS + "])" + Pattern.quote(secret)
                        + "(?![" + KEY_CHARACTERS + "])"));
            }
        }
        this.words = Map.copyOf(byWord);
    }

    /** A redactor that knows no secret; it still hides {@code sk-} shaped keys. */
    public static Redactor none() {
        return NONE;
    }

    /**
     * A redactor for the secrets in {@code secretsByName}, keyed by what each is (e.g. {@code gptproto setting
     * api-key}); blank values are ignored. A secret shorter than {@value #ECHO_PREFIX} characters is named
     * in a one-line warning, never shown.
     */
    public static Redactor of(Map<String, String> secretsByName) {
        List<String> kept = new ArrayList<>();
        secretsByName.forEach((name, secret) -> {
            if (secret.isBlank()) {
                return;
            }
            if (secret.length() < ECHO_PREFIX) {
                LOG.log(System.Logger.Level.WARNING, "The " + name + " is only " + secret.length()
                        + (secret.length() == 1 ? " character" : " characters") + " long, too short to be a real "
                        + "secret; it is hidden only where it appears as a whole word");
            }
            kept.add(secret);
        });
        // Longest first, so that a secret containing another is replaced whole.
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(kept));
    }

    /** {@code text} without any secret or fragment of one; {@code null} stays {@code null}. */
    public @Nullable String redactNullable(@Nullable String text) {
        return text == null ? null : redact(text);
    }

    /** {@code text} without any secret or fragment of one. */
    public String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            Pattern word = words.get(secret);
            redacted = word != null ? word.matcher(redacted).replaceAll(Matcher.quoteReplacement(MASK))
                    : withoutMasked(withoutEchoes(redacted.replace(secret, MASK), secret), secret);
        }
        // Every response passes a header through here: skip the matcher when no key can be in the text.
        return redacted.contains("sk-") ? KEY_LIKE.matcher(redacted).replaceAll("sk-***") : redacted;
    }

    /**
     * Replaces every run that starts with the secret's first {@value #ECHO_PREFIX} characters and goes on
     * with the characters keys and their masks are made of (so {@code "abcd1234***wxyz"} goes whole).
     */
    private static String withoutEchoes(String text, String secret) {
        String head = secret.substring(0, ECHO_PREFIX);
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(head); at >= 0; at = text.indexOf(head, from)) {
            int end = at + head.length();
            while (end < text.length() && (end - at < secret.length() && text.charAt(end) == secret.charAt(end - at)
                    || isKeyCharacter(text.charAt(end)))) {
                end++;
            }
            out.append(text, from, at).append(MASK);
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * Replaces masked forms whose visible head (4+ characters) or tail (4+) belongs to the secret. Scans
     * from each mask outwards rather than with a regular expression, whose backtracking over long runs of
     * letters would be quadratic in a hostile error message.
     */
    private static String withoutMasked(String text, String secret) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int at = 0;
        while (at < text.length()) {
            int maskEnd = maskEnd(text, at);
            if (maskEnd < 0) {
                at++;
                continue;
            }
            int start = at;
            while (start > from && isKeyCharacter(text.charAt(start - 1)) && text.charAt(start - 1) != '*') {
                start--;
            }
            int end = maskEnd;
            while (end < text.length() && isKeyCharacter(text.charAt(end)) && text.charAt(end) != '*') {
                end++;
            }
            String head = text.substring(start, at);
            String tail = text.substring(maskEnd, end);
            boolean headMatches = head.length() >= 4 && secret.startsWith(head)
                    && (tail.isEmpty() || secret.endsWith(tail));
            boolean tailMatches = head.isEmpty() && tail.length() >= 4 && secret.endsWith(tail);
            if (headMatches || tailMatches) {
                out.append(text, from, start).append(MASK);
                from = end;
            }
            at = Math.max(end, at + 1);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** The end of a mask ({@code **}, {@code …} or {@code ...}, and more of them) at {@code at}, or -1. */
    private static int maskEnd(String text, int at) {
        boolean mask = text.startsWith("**", at) || text.startsWith("…", at) || text.startsWith("...", at);
        if (!mask) {
            return -1;
        }
        int end = at;
        while (end < text.length() && (text.charAt(end) == '*' || text.charAt(end) == '…' || text.charAt(end) == '.')) {
            end++;
        }
        return end;
    }

    private static boolean isKeyCharacter(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '*');
    }

    /** Shows how many secrets it knows, never them. */
    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " secrets]";
    }
}
