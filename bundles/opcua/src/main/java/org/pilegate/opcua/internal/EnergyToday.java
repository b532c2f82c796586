package org.pilegate.opcua.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.pilegate.api.pile.PileId;

/**
 * Energy the site's piles delivered since local midnight, from the deltas of their meters' absolute registers. Kept
 * in memory only: after a restart of the gateway it counts from each pile's first reading. A register that goes
 * back (meter replaced or reset) continues the day's count from its new value.
 */
final class EnergyToday {

    /** One pile's day: {@code lastWh - baselineWh} is what it delivered on {@code day}. */
    private static final class PileDay {
        private LocalDate day;
        private long baselineWh;
        private long lastWh;

        private PileDay(LocalDate day, long registerWh) {
            this.day = day;
            this.baselineWh = registerWh;
            this.lastWh = registerWh;
        }
    }

    private final ZoneId zone;
    private final Map<PileId, PileDay> piles = new HashMap<>();
    private LocalDate removedDay = LocalDate.MIN;
    private long removedWh;

    EnergyToday(ZoneId zone) {
        this.zone = zone;
    }

    void record(PileId pile, long registerWh, Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        PileDay known = piles.get(pile);
        if (known == null) {
            piles.put(pile, new PileDay(day, registerWh));
            return;
        }
        if (day.isAfter(known.day)) {
            // what flowed between the last reading and midnight counts to the new day: a few seconds' worth
            known.day = day;
            known.baselineWh = known.lastWh;
        }
        if (registerWh < known.lastWh) {
            known.baselineWh = registerWh - (known.lastWh - known.baselineWh);
        }
        known.lastWh = registerWh;
    }

    /** A pile removed from the site keeps what it delivered today in the site's total. */
    void remove(PileId pile) {
        PileDay known = piles.remove(pile);
        if (known == null) {
            return;
        }
        if (!known.day.equals(removedDay)) {
            removedDay = known.day;
            removedWh = 0;
        }
        removedWh += known.lastWh - known.baselineWh;
    }

    long totalWh(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        long total = today.equals(removedDay) ? removedWh : 0;
        for (PileDay pile : piles.values()) {
            if (pile.day.equals(today)) {
                total += pile.lastWh - pile.baselineWh;
            }
        }
        return total;
    }
}
