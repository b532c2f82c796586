package org.pilegate.api.session;

import java.security.SecureRandom;
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
    private static final SecureRandom RANDOM = new SecureRandom();

    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "session id must match [A-Za-z0-9._-]{1,64}: '" + value + "'");
        }
    }

    /**
     * A new session id: a UUID of version 7 (RFC 9562), the millisecond it was made followed by 74 random bits. Ids
     * made together sort together, so the sessions under way sit side by side in the store's keys and a status tick
     * rewrites a few of its pages rather than one page per session, as random ids (version 4) made it.
     */
    public static SessionId random() {
        return random(System.currentTimeMillis());
    }

    static SessionId random(long epochMillis) {
        long mostSignificant = epochMillis << 16 | 0x7000 | RANDOM.nextInt(1 << 12);
        long leastSignificant = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new SessionId(new UUID(mostSignificant, leastSignificant).toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
