package org.pilegate.api.site;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The depot's supply as the planner sees it: a tree of feeders whose root is the grid connection, each with limits
 * per phase, an optional power limit of the connection, and a margin kept below every limit.
 *
 * @param feeders the grid connection (id {@link Feeder#GRID}) and every feeder below it; parents named exist
 * @param gridPowerLimitW the contract's power limit at the connection, if any
 * @param safetyMarginA kept free below every feeder's limit on every phase
 * @param siteMeter the meter that measures the building's other load at the grid connection, if there is one
 */
public record SiteModel(List<Feeder> feeders, OptionalLong gridPowerLimitW, int safetyMarginA,
        Optional<String> siteMeter) {

    public SiteModel {
        feeders = List.copyOf(feeders);
        Objects.requireNonNull(gridPowerLimitW, "gridPowerLimitW");
        Objects.requireNonNull(siteMeter, "siteMeter");
        if (safetyMarginA < 0) {
            throw new IllegalArgumentException("safetyMarginA must not be negative: " + safetyMarginA);
        }
        Map<String, Feeder> byId = feeders.stream().collect(Collectors.toMap(Feeder::id, Function.identity(),
                (a, b) -> {
                    throw new IllegalArgumentException("feeder " + a.id() + " is named twice");
                }));
        Feeder grid = byId.get(Feeder.GRID);
        if (grid == null || grid.parent().isPresent()) {
            throw new IllegalArgumentException("the feeders must hold the grid connection '" + Feeder.GRID
                    + "', with no parent");
        }
        for (Feeder feeder : feeders) {
            if (feeder != grid && (feeder.parent().isEmpty() || !byId.containsKey(feeder.parent().get()))) {
                throw new IllegalArgumentException("feeder " + feeder.id() + " hangs from "
                        + feeder.parent().map(p -> "'" + p + "', which is not a feeder").orElse("nothing"));
            }
            String seen = feeder.id();
            Feeder up = feeder;
            for (int depth = 0; up.parent().isPresent(); depth++) {
                if (depth > feeders.size()) {
                    throw new IllegalArgumentException("feeder " + seen + " hangs from itself through its parents");
                }
                up = byId.get(up.parent().get());
            }
        }
    }

    /** A site with no limit but what each pile can carry: the grid connection unlimited for all practical uses. */
    public static SiteModel unlimited() {
        return new SiteModel(List.of(new Feeder(Feeder.GRID, Optional.empty(), PhaseCurrents.of(100_000))),
                OptionalLong.empty(), 0, Optional.empty());
    }

    public Optional<Feeder> feeder(String id) {
        return feeders.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
