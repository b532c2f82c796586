package org.pilegate.api.session;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one charging session. Minted by the gateway with {@link #random()}; the format also
 * admits ids issued by a back office: 1 to 64 letters, digits, '.', '_' and '-'.
 *
 * @param value the session identifier
 */
public record SessionId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "session id must match [A-Za-z0-9._-]{1,64}: '" + value + "'");
        }
    }

    /** A new session id from a random UUID. */
    public static SessionId random() {
        return new SessionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
