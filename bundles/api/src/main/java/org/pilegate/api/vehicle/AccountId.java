package org.pilegate.api.vehicle;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies the account (wallet owner) a vehicle is bound to and charging is billed to,
 * as issued by the back office. One to 64 visible ASCII characters.
 *
 * @param value the back-office account identifier
 */
public record AccountId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1,64}");

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "account id must be 1 to 64 visible ASCII characters: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
