package org.pilegate.planner.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * After the deadline fill: a session that falls short takes current in a slot of its window whose feeders are full,
 * once other deadline sessions have moved their current out of that slot into other slots of their own windows, where
 * they have room and still get all they had by their departures. An augmenting step of one move each; repeated, over
 * all sessions still short, until none is left. Currents stay 0 or at least 6 A, and no limit is passed: a move takes
 * from the headroom before it gives.
 */
final class Repair {

    /** The most donor moves tried in one plan: bounds the time on an overloaded site, where few moves can help. */
    static final int MAX_TRIES = 200_000;

    /** Current given ({@code amps} > 0) or taken back in one slot, to be undone if the step it belongs to fails. */
    private record Move(Job job, int slot, int amps) {
    }

    private final List<Job> deadlines;
    private final Headroom headroom;
    private int tries;

    private Repair(List<Job> deadlines, Headroom headroom) {
        this.deadlines = deadlines;
        this.headroom = headroom;
    }

    static void apply(List<Job> deadlines, Headroom headroom) {
        new Repair(deadlines, headroom).run();
    }

    private void run() {
        boolean progress = true;
        while (progress && tries < MAX_TRIES) {
            progress = false;
            List<Job> movable = deadlines.stream().filter(this::hasRoomSomewhere).toList();
            for (Job job : deadlines) {
                if (job.needWh > 0 && augment(job, movable)) {
                    progress = true;
                }
            }
        }
    }

    /** Whether the job could take current in some slot of its window: only such a job can move out of a slot. */
    private boolean hasRoomSomewhere(Job job) {
        for (int slot = 0; slot < job.window; slot++) {
            if (usable(job, slot) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Gets the short job more energy, in any slot of its window, by moving others out; whether it got any. */
    private boolean augment(Job job, List<Job> movable) {
        boolean got = false;
        for (int slot = 0; slot < job.window && job.needWh > 0 && tries < MAX_TRIES; slot++) {
            if (job.whPerA(slot) <= 0 || job.cap(slot) - job.scheduleA[slot] < 1) {
                continue;
            }
            int wanted = wanted(job, slot);
            List<Move> moves = new ArrayList<>();
            for (Job donor : movable) {
                if (usable(job, slot) >= wanted || tries >= MAX_TRIES) {
                    break;
                }
                if (donor != job && donor.scheduleA[slot] > 0 && headroom.binds(donor.rows, job.rows, job.wattsPerA, slot)) {
                    tries++;
                    moveOut(donor, slot, wanted - usable(job, slot), moves);
                }
            }
            int take = Math.min(wanted, usable(job, slot));
            if (take > 0) {
                job.give(headroom, slot, take);
                got = true;
            } else {
                undo(moves);
            }
        }
        return got;
    }

    /** The current the job wants more of in {@code slot}: what it still needs there, within its cap, 6 A or more. */
    private static int wanted(Job job, int slot) {
        int room = job.cap(slot) - job.scheduleA[slot];
        int need = (int) Math.min(room, Math.ceil(job.needWh / job.whPerA(slot)));
        return job.scheduleA[slot] == 0 ? Math.min(room, Math.max(Job.MIN_CURRENT_A, need)) : need;
    }

    /** What the job can take in {@code slot} now, keeping 0 or at least 6 A: 0 if it cannot. */
    private int usable(Job job, int slot) {
        int room = Math.min(job.cap(slot) - job.scheduleA[slot], headroom.room(job.rows, job.wattsPerA, slot));
        return job.scheduleA[slot] + room >= Job.MIN_CURRENT_A ? Math.max(0, room) : 0;
    }

    /**
     * Moves up to {@code amps} of the donor's current out of {@code slot} into other slots of its window, keeping it 0
     * or at least 6 A everywhere; kept only if the donor still gets all it had by its departure.
     */
    private void moveOut(Job donor, int slot, int amps, List<Move> moves) {
        int has = donor.scheduleA[slot];
        int less = Math.min(has, amps);
        if (has - less > 0 && has - less < Job.MIN_CURRENT_A) {
            less = has;
        }
        double owedWh = Math.max(0, donor.needWh);
        List<Move> mine = new ArrayList<>();
        give(donor, slot, -less, mine);
        for (int other = 0; other < donor.window && donor.needWh > owedWh; other++) {
            if (other != slot && donor.whPerA(other) > 0) {
                int room = usable(donor, other);
                int wanted = (int) Math.ceil((donor.needWh - owedWh) / donor.whPerA(other));
                int floor = Math.max(0, Job.MIN_CURRENT_A - donor.scheduleA[other]);
                int add = Math.min(room, Math.max(floor, wanted));
                if (add > 0) {
                    give(donor, other, add, mine);
                }
            }
        }
        if (donor.needWh > owedWh) {
            undo(mine);
        } else {
            moves.addAll(mine);
        }
    }

    private void give(Job job, int slot, int amps, List<Move> moves) {
        job.give(headroom, slot, amps);
        moves.add(new Move(job, slot, amps));
    }

    private void undo(List<Move> moves) {
        for (int i = moves.size() - 1; i >= 0; i--) {
            Move move = moves.get(i);
            move.job().give(headroom, move.slot(), -move.amps());
        }
        moves.clear();
    }
}
