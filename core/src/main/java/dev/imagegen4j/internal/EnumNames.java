package dev.imagegen4j.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup of enum constants by their lowercase names. */
public final class EnumNames {
    private EnumNames() {
    }

    /**
     * The constant whose name equals {@code text}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the field and the accepted values when none matches
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> name, String field, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (name.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(constants).map(name).collect(Collectors.joining(", "))
                + " but was '" + text + "'");
    }
}
