package org.pilegate.planner.internal;

import java.util.List;

/**
 * Charges now what a deadline session was planned to get in slots the site has nearly filled up. The plan knows only
 * the vehicles plugged in now; a slot that is nearly full leaves little room for the ones still to come, so energy
 * waiting there for a cheaper price is moved to now, while now has room, and the slot is freed for them. Slots with
 * room to spare keep their energy: there, waiting for the cheaper price costs nobody their departure.
 */
final class PullForward {

    /** A slot counts as nearly full once a feeder on the path has given this share of what it had free. */
    static final double NEARLY_FULL = 0.75;

    private PullForward() {
    }

    static void apply(List<Job> deadlines, Headroom headroom) {
        for (Job job : deadlines) {
            int now = job.scheduleA[0];
            int extra = Math.min(job.cap(0) - now, headroom.room(job.rows, job.wattsPerA, 0));
            if (extra < (now == 0 ? Job.MIN_CURRENT_A : 1) || job.whPerA(0) <= 0) {
                continue;
            }
            double movable = 0;
            for (int slot = job.window - 1; slot > 0; slot--) {
                if (job.scheduleA[slot] > 0 && full(job, headroom, slot)) {
                    movable += job.scheduleA[slot] * job.whPerA(slot);
                }
            }
            if (movable <= 0) {
                continue;
            }
            int wanted = (int) Math.ceil(movable / job.whPerA(0));
            int added = Math.min(extra, Math.max(now == 0 ? Job.MIN_CURRENT_A : 1, wanted));
            job.give(headroom, 0, added);
            release(job, headroom, added * job.whPerA(0));
        }
    }

    /** Whether some feeder on the job's path has given most of what it had free in {@code slot}. */
    private static boolean full(Job job, Headroom headroom, int slot) {
        return headroom.used(job.rows, slot) >= NEARLY_FULL
                || headroom.room(job.rows, job.wattsPerA, slot) < Job.MIN_CURRENT_A;
    }

    /** Gives back up to {@code wh} of the job's energy in full slots, the latest first, keeping 0 or at least 6 A. */
    private static void release(Job job, Headroom headroom, double wh) {
        double left = wh;
        for (int slot = job.window - 1; slot > 0 && left > 0; slot--) {
            int amps = job.scheduleA[slot];
            double perA = job.whPerA(slot);
            if (amps == 0 || perA <= 0 || !full(job, headroom, slot)) {
                continue;
            }
            int less = (int) Math.min(amps, Math.floor(left / perA));
            if (amps - less > 0 && amps - less < Job.MIN_CURRENT_A) {
                less = amps - Job.MIN_CURRENT_A;
            }
            if (less > 0) {
                job.give(headroom, slot, -less);
                left -= less * perA;
            }
        }
    }
}
