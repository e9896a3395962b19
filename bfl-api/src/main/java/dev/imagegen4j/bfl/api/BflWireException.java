package dev.imagegen4j.bfl.api;

import org.jspecify.annotations.Nullable;

/**
 * A body that does not follow BFL's wire format, naming the field at fault when there is one. The
 * provider reports it as an unreadable answer; the mock's server answers it with a 422.
 */
public final class BflWireException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String field;

    public BflWireException(@Nullable String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /** The wire field at fault, such as {@code polling_url}, or {@code null} for the body as a whole. */
    public @Nullable String field() {
        return field;
    }
}
