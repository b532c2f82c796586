package org.pilegate.api.site;

/**
 * A current per phase in whole A: a fuse's rating, or the load on it.
 */
public record PhaseCurrents(int l1A, int l2A, int l3A) {

    public static final PhaseCurrents NONE = new PhaseCurrents(0, 0, 0);

    public PhaseCurrents {
        if (l1A < 0 || l2A < 0 || l3A < 0) {
            throw new IllegalArgumentException("currents must not be negative: " + l1A + "/" + l2A + "/" + l3A + " A");
        }
    }

    /** The same current on every phase. */
    public static PhaseCurrents of(int a) {
        return new PhaseCurrents(a, a, a);
    }

    /**
     * Reads "125" (all phases alike) or "125/125/100" (L1/L2/L3).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static PhaseCurrents parse(String text) {
        String[] parts = text.trim().split("\\s*/\\s*");
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException("a current is one value for all phases or three as L1/L2/L3, not '"
                    + text + "'");
        }
        int[] amps = new int[3];
        for (int i = 0; i < 3; i++) {
            String part = parts[parts.length == 1 ? 0 : i];
            try {
                amps[i] = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' in '" + text + "' is not a whole number of A");
            }
            if (amps[i] < 1 || amps[i] > 100_000) {
                throw new IllegalArgumentException("a limit must be 1..100000 A, not " + amps[i] + " in '" + text
                        + "'");
            }
        }
        return new PhaseCurrents(amps[0], amps[1], amps[2]);
    }

    public int on(Phase phase) {
        return switch (phase) {
            case L1 -> l1A;
            case L2 -> l2A;
            case L3 -> l3A;
        };
    }

    @Override
    public String toString() {
        return l1A == l2A && l2A == l3A ? l1A + " A" : l1A + "/" + l2A + "/" + l3A + " A";
    }
}
