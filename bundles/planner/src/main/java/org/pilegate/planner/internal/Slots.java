package org.pilegate.planner.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's horizon cut into slots on the quarter hours (so price windows fall on slot boundaries): the first slot
 * runs from now to the next quarter hour, the last ends at the quarter hour at or after the last departure.
 */
final class Slots {

    static final Duration LENGTH = Duration.ofMinutes(15);

    private final Instant[] bounds;

    private Slots(Instant[] bounds) {
        this.bounds = bounds;
    }

    /**
     * @param until the last moment the plan must cover (the last departure); at least one slot
     * @param maxSlots the most slots the horizon holds
     */
    static Slots of(Instant now, Instant until, int maxSlots) {
        long length = LENGTH.toMillis();
        long first = (Math.floorDiv(now.toEpochMilli(), length) + 1) * length;
        int count = 1;
        if (until.toEpochMilli() > first) {
            count += (int) Math.min(maxSlots - 1L, (until.toEpochMilli() - first + length - 1) / length);
        }
        Instant[] bounds = new Instant[count + 1];
        bounds[0] = now;
        for (int i = 1; i <= count; i++) {
            bounds[i] = Instant.ofEpochMilli(first + (i - 1) * length);
        }
        return new Slots(bounds);
    }

    int count() {
        return bounds.length - 1;
    }

    Instant start(int slot) {
        return bounds[slot];
    }

    /** How many slots begin before {@code departure}: the ones in which a vehicle leaving then can charge. */
    int before(Instant departure) {
        int slots = 0;
        while (slots < count() && bounds[slots].isBefore(departure)) {
            slots++;
        }
        return slots;
    }

    /** Hours of {@code slot} before {@code departure} (all of it when the vehicle leaves later). */
    double hours(int slot, Instant departure) {
        // in epoch milliseconds: asked for every slot of every pile at each plan, so without a Duration each time
        long end = bounds[slot + 1].isAfter(departure) ? departure.toEpochMilli() : bounds[slot + 1].toEpochMilli();
        return Math.max(0, end - bounds[slot].toEpochMilli()) / 3_600_000.0;
    }

    List<Instant> boundaries() {
        return new ArrayList<>(List.of(bounds));
    }
}
