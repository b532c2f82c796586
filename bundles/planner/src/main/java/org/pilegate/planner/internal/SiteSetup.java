package org.pilegate.planner.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/**
 * The site's configuration, checked: a wrong value is refused with the PID, the key and why, before anything changes.
 */
record SiteSetup(SiteModel site, PriceTable prices, Planner.Policy policy, int baseLoadChangeA,
        List<String> priorityVehicles, int riseAPerMinute, Duration replanInterval) {

    static final String PID = "org.pilegate.site";

    static SiteSetup of(SiteConfig config) {
        PhaseCurrents grid = config.gridLimitA().isBlank() ? PhaseCurrents.of(100_000)
                : parse("gridLimitA", () -> PhaseCurrents.parse(config.gridLimitA()));
        List<Feeder> feeders = new ArrayList<>();
        feeders.add(new Feeder(Feeder.GRID, Optional.empty(), grid));
        if (!config.feeders().isBlank()) {
            for (String entry : config.feeders().split(",")) {
                feeders.add(parse("feeders", () -> feeder(entry.trim())));
            }
        }
        require(config.gridPowerLimitW() >= 0, "gridPowerLimitW", "must not be negative, not "
                + config.gridPowerLimitW());
        require(config.safetyMarginA() >= 0, "safetyMarginA", "must not be negative, not " + config.safetyMarginA());
        require(config.baseLoadChangeA() >= 1, "baseLoadChangeA", "must be at least 1 A, not "
                + config.baseLoadChangeA());
        require(config.riseAPerMinute() >= 0, "riseAPerMinute", "must not be negative, not "
                + config.riseAPerMinute());
        require(config.replanIntervalS() >= 5, "replanIntervalS", "must be at least 5 s, not "
                + config.replanIntervalS());
        OptionalLong powerLimit = config.gridPowerLimitW() > 0 ? OptionalLong.of(config.gridPowerLimitW())
                : OptionalLong.empty();
        Optional<String> meter = Optional.of(config.siteMeter().trim()).filter(id -> !id.isEmpty());
        require(meter.filter(id -> !id.matches("[A-Za-z0-9._-]{1,64}")).isEmpty(), "siteMeter", "a meter id is 1..64"
                + " letters, digits, '.', '_' or '-', not '" + config.siteMeter() + "'");
        SiteModel site = parse("feeders", () -> new SiteModel(feeders, powerLimit, config.safetyMarginA(), meter));
        ZoneId zone = config.timeZone().isBlank() ? ZoneId.systemDefault()
                : parse("timeZone", () -> zone(config.timeZone()));
        PriceTable prices = parse("energyPrices", () -> PriceTable.parse(config.energyPrices(), zone));
        Planner.Policy policy = switch (config.policy().trim()) {
            case "planned" -> Planner.Policy.PLANNED;
            case "equal-share" -> Planner.Policy.EQUAL_SHARE;
            default -> throw refused("policy", "must be planned or equal-share, not '" + config.policy() + "'");
        };
        List<String> priority = Arrays.stream(config.priorityVehicles().split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).toList();
        return new SiteSetup(site, prices, policy, config.baseLoadChangeA(), priority, config.riseAPerMinute(),
                Duration.ofSeconds(config.replanIntervalS()));
    }

    /** Whether {@code vehicle} is one of the priority vehicles. */
    boolean priority(String vehicle) {
        // asked for every pile at every plan: a loop that makes nothing
        for (String pattern : priorityVehicles) {
            boolean prefix = pattern.endsWith("*");
            if (prefix ? vehicle.regionMatches(0, pattern, 0, pattern.length() - 1) : vehicle.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static Feeder feeder(String entry) {
        String[] parts = entry.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + entry + "' is no feeder: write id:parent:limit, e.g."
                    + " board-a:grid:160");
        }
        if (parts[0].trim().equals(Feeder.GRID)) {
            throw new IllegalArgumentException("'" + entry + "': the grid connection is set by gridLimitA");
        }
        return new Feeder(parts[0].trim(), Optional.of(parts[1].trim()), PhaseCurrents.parse(parts[2]));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + id + "' is no time zone: " + e.getMessage());
        }
    }

    private static <T> T parse(String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw refused(key, e.getMessage());
        }
    }

    private static void require(boolean holds, String key, String why) {
        if (!holds) {
            throw refused(key, why);
        }
    }

    private static IllegalArgumentException refused(String key, String why) {
        return new IllegalArgumentException("configuration " + PID + ": " + key + ": " + why);
    }
}
