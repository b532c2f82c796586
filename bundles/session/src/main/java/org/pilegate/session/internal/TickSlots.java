package org.pilegate.session.internal;

import java.time.Duration;

/**
 * When each pile's status is taken within the status interval. A large depot's interval is cut into slots and each
 * pile's lane keeps one of them, so that its status is written in batches of about {@link #PILES_PER_SLOT} piles spread
 * over the interval: one batch of every pile at once makes each request of that moment wait behind it (for the
 * workers, the store and the collector at once). A depot of up to {@link #PILES_PER_SLOT} piles keeps one batch per
 * interval.
 *
 * @param count the slots of an interval, each {@link #period} long
 * @param period how often a slot's tick comes
 */
record TickSlots(int count, Duration period) {

    static final int PILES_PER_SLOT = 100;
    static final int MOST_SLOTS = 20;
    /** Shorter slots would write batches more often than the store's commits are worth. */
    static final Duration SHORTEST_SLOT = Duration.ofMillis(250);

    static TickSlots over(Duration interval) {
        int count = (int) Math.max(1, Math.min(MOST_SLOTS, interval.toMillis() / SHORTEST_SLOT.toMillis()));
        return new TickSlots(count, interval.dividedBy(count));
    }

    /**
     * @param lanes how many lanes the depot has now; the slots they use grow with them
     * @return whether the lane's status is taken at the tick of {@code slot} (counted from 0 without end)
     */
    boolean takes(PileLane lane, long slot, int lanes) {
        int used = Math.max(1, Math.min(count, (lanes + PILES_PER_SLOT - 1) / PILES_PER_SLOT));
        // the slots used lie evenly over the interval
        return Math.floorMod(slot, count) == lane.ordinal % used * count / used;
    }
}
