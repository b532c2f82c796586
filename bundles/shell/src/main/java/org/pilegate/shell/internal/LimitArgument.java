package org.pilegate.shell.internal;

import java.util.OptionalLong;

/** A limit as operators type it: a whole number, or "none" to lift the limit. */
final class LimitArgument {

    static final String NONE = "none";

    private LimitArgument() {
    }

    /** @throws IllegalArgumentException naming the {@code what} that is neither a whole number nor "none" */
    static OptionalLong parse(String value, String what) {
        if (NONE.equalsIgnoreCase(value.strip())) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number or '" + NONE + "', not '" + value
                    + "'", e);
        }
    }
}
