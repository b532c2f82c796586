package org.pilegate.api.site;

import java.util.List;
import java.util.Objects;

/**
 * Where a pile hangs in the supply tree and which of the site's phases its own phases are wired to.
 *
 * @param feeder the feeder it is connected to, {@link Feeder#GRID} when straight to the grid connection
 * @param phases the site's phases for the pile's L1, L2, L3 (one for a single-phase pile), see {@link Phase#sequence}
 */
public record PileWiring(String feeder, List<Phase> phases) {

    public PileWiring {
        Objects.requireNonNull(feeder, "feeder");
        phases = List.copyOf(phases);
        if (phases.isEmpty() || phases.size() > 3 || phases.stream().distinct().count() != phases.size()) {
            throw new IllegalArgumentException("a pile is wired to one to three distinct phases: " + phases);
        }
    }

    /** A pile on the grid connection, its phases in order. */
    public static PileWiring direct(int phaseCount) {
        return new PileWiring(Feeder.GRID, List.of(Phase.values()).subList(0, phaseCount));
    }
}
