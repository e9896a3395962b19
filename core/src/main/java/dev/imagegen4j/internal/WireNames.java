package dev.imagegen4j.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup of enum constants by the name the wire uses for them. */
public final class WireNames {
    private WireNames() {
    }

    /**
     * The constant whose wire name equals {@code text}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the field and the accepted values when none matches
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> wireName, String field, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (wireName.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(constants).map(wireName).collect(Collectors.joining(", "))
                + " but was '" + text + "'");
    }
}
