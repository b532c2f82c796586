package org.pilegate.api.plan;

import java.util.Objects;

/**
 * What keeps a pile's current where it is now, in words an operator or driver reads, e.g. "feeder board-b, phase L2
 * at 63 A".
 */
public record Hold(Kind kind, String text) {

    public enum Kind {
        /** Nothing: the pile gets all it can take. */
        NONE,
        /** The session needs no more energy. */
        TARGET_REACHED,
        /** A feeder's or the grid connection's limit on a phase. */
        FEEDER,
        /** The power limit of the site (contract or operator). */
        SITE_POWER,
        /** The operator's cap on the pile. */
        OPERATOR_CAP,
        /** The pile's (or session's) own maximum. */
        PILE_MAXIMUM,
        /** Its current rises at a bounded rate. */
        RAMP,
        /** Energy is cheaper later and the departure is still met. */
        CHEAPER_LATER,
        /** The pile's wiring names no feeder of the site model: it gets nothing until it does. */
        WIRING
    }

    public Hold {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
