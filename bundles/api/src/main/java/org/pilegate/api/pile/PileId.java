package org.pilegate.api.pile;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one charging pile (one connector) in the depot, e.g. "bay-07.left".
 * One to 64 characters of letters, digits, '.', '_' and '-', so it is safe in topics, file names
 * and OPC UA node ids.
 *
 * @param value the configured pile name
 */
public record PileId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public PileId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "pile id must match [A-Za-z0-9._-]{1,64}: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
