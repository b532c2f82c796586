package org.pilegate.modbus;

/** Protocol limits shared by the request blueprints. */
final class Checks {

    static final int MAX_ADDRESS = 0xFFFF;

    private Checks() {
    }

    static void unitId(int unitId) {
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unitId must be 0..255, was " + unitId);
        }
    }

    static void address(int address) {
        if (address < 0 || address > MAX_ADDRESS) {
            throw new IllegalArgumentException("address must be 0..65535, was " + address);
        }
    }

    /** A block of {@code count} items at {@code address}: at least one, at most {@code max}, inside the space. */
    static void range(int address, int count, int max) {
        address(address);
        if (count < 1 || count > max) {
            throw new IllegalArgumentException("count must be 1.." + max + ", was " + count);
        }
        if (address + count - 1 > MAX_ADDRESS) {
            throw new IllegalArgumentException(
                    "block of " + count + " at " + address + " runs past address " + MAX_ADDRESS);
        }
    }
}
