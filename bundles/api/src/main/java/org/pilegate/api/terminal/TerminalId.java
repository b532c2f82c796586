package org.pilegate.api.terminal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a terminal: a depot kiosk or a driver's app instance.
 * One to 64 letters, digits, '.', '_' and '-'.
 *
 * @param value the terminal identifier
 */
public record TerminalId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public TerminalId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "terminal id must match [A-Za-z0-9._-]{1,64}: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
