package org.pilegate.api.site;

import java.util.Objects;
import java.util.Optional;

/**
 * A node of the site's supply tree: the grid connection (no parent) or a distribution board or fuse fed from
 * another.
 *
 * @param id how piles and other feeders name it, e.g. "board-b"
 * @param parent the feeder it hangs from; empty for the grid connection
 * @param limitA its rating per phase
 */
public record Feeder(String id, Optional<String> parent, PhaseCurrents limitA) {

    /** The id of the grid connection, the root every other feeder hangs from. */
    public static final String GRID = "grid";

    public Feeder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(limitA, "limitA");
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a feeder id is 1..64 letters, digits, '.', '_' or '-', not '" + id
                    + "'");
        }
    }
}
