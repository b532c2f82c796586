package org.pilegate.metrics.internal;

import java.util.List;

/** Lists for health reasons, kept readable when a whole depot has the same problem. */
final class Reasons {

    static final int MAX_LISTED = 10;

    private Reasons() {
    }

    /** {@code a, b, c}, or the first {@value #MAX_LISTED} and {@code and N more}. */
    static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }
}
