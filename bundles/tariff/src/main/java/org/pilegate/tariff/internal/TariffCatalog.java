package org.pilegate.tariff.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.pile.PileId;
import org.pilegate.tariff.Tariff;

/**
 * The tariffs in force from the folder, as one immutable snapshot.
 *
 * @param tariffs by id
 * @param assignments which apply where
 */
record TariffCatalog(Map<String, Tariff> tariffs, Assignments assignments) {

    static final TariffCatalog EMPTY = new TariffCatalog(Map.of(), Assignments.NONE);

    TariffCatalog {
        tariffs = Map.copyOf(tariffs);
        Objects.requireNonNull(assignments, "assignments");
    }

    /** The first tariff assigned to {@code pile} (its own, then the site's) that is in force {@code at}. */
    Optional<Tariff> tariffFor(PileId pile, Instant at) {
        return assignments.tariffIdsFor(pile).stream()
                .map(tariffs::get)
                .filter(Objects::nonNull)
                .filter(tariff -> tariff.inForceAt(at))
                .findFirst();
    }
}
