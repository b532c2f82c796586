package org.pilegate.device.profile;

import java.util.Objects;

/**
 * How a pile controller switches its contactor: a coil, or a holding register written with an on or off value.
 *
 * @param kind coil or holding register
 * @param address zero-based address
 * @param onValue register value that closes the contactor (1 for a coil)
 * @param offValue register value that opens it (0 for a coil)
 */
public record ContactorOutput(Kind kind, int address, int onValue, int offValue) {

    public enum Kind {
        COIL,
        HOLDING_REGISTER
    }

    public ContactorOutput {
        Objects.requireNonNull(kind, "kind");
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("address " + address + " is outside 0..65535");
        }
        if (onValue == offValue) {
            throw new IllegalArgumentException("onValue and offValue must differ: " + onValue);
        }
        if (kind == Kind.COIL && (onValue != 1 || offValue != 0)) {
            throw new IllegalArgumentException("a coil is on at 1 and off at 0");
        }
    }
}
