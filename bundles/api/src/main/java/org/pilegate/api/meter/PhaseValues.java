package org.pilegate.api.meter;

/**
 * RMS voltage and current per phase, in millivolts and milliamps so they stay integers.
 * A single-phase meter reports 0 for L2 and L3.
 *
 * @param l1Mv voltage L1-N in mV
 * @param l2Mv voltage L2-N in mV
 * @param l3Mv voltage L3-N in mV
 * @param l1Ma current on L1 in mA
 * @param l2Ma current on L2 in mA
 * @param l3Ma current on L3 in mA
 */
public record PhaseValues(long l1Mv, long l2Mv, long l3Mv, long l1Ma, long l2Ma, long l3Ma) {

    public PhaseValues {
        // RMS magnitudes cannot be negative
        requireNonNegative("l1Mv", l1Mv);
        requireNonNegative("l2Mv", l2Mv);
        requireNonNegative("l3Mv", l3Mv);
        requireNonNegative("l1Ma", l1Ma);
        requireNonNegative("l2Ma", l2Ma);
        requireNonNegative("l3Ma", l3Ma);
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }
}
