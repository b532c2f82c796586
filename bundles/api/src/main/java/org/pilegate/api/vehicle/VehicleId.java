package org.pilegate.api.vehicle;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a vehicle as the pile sees it: an RFID card UID or an ISO 15118 EVCCID.
 * One to 64 visible ASCII characters; spaces are excluded so ids survive logs and shell commands.
 *
 * @param value the identifier exactly as read, e.g. "04A224B2C35E80" or "00:1A:2B:3C:4D:5E"
 */
public record VehicleId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1,64}");

    public VehicleId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "vehicle id must be 1 to 64 visible ASCII characters: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
