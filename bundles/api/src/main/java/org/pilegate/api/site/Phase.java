package org.pilegate.api.site;

import java.util.ArrayList;
import java.util.List;

/** One of the three phases of the site's supply. */
public enum Phase {
    L1, L2, L3;

    /**
     * The phases a pile's own L1, L2, L3 are wired to, in that order, e.g. "L2L3L1" for a three-phase pile wired with
     * rotation, "L2" for a single-phase pile on the site's L2.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static List<Phase> sequence(String text) {
        String trimmed = text == null ? "" : text.trim().toUpperCase();
        if (trimmed.isEmpty() || trimmed.length() % 2 != 0 || trimmed.length() > 6) {
            throw new IllegalArgumentException("phases must be one to three of L1, L2, L3, e.g. L1L2L3 or L2, not '"
                    + text + "'");
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < trimmed.length(); i += 2) {
            Phase phase;
            try {
                phase = valueOf(trimmed.substring(i, i + 2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + trimmed.substring(i, i + 2) + "' in '" + text
                        + "' is no phase: L1, L2 or L3");
            }
            if (phases.contains(phase)) {
                throw new IllegalArgumentException("phase " + phase + " appears twice in '" + text + "'");
            }
            phases.add(phase);
        }
        return List.copyOf(phases);
    }
}
