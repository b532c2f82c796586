package org.pilegate.planner.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * After the deadline fill: a session that falls short takes current in a slot of its window whose feeder is full,
 * once other deadline sessions have moved current out of that slot along an augmenting chain: a session moves current
 * from the slot to another of its own window; if that one is full on the same feeder and phase, another session moves
 * the same current out of it to a third, and so on until one lands where there is room. Each keeps what it gets by
 * its departure; currents stay 0 or at least 6 A; no limit is passed, since every move gives back before it takes and
 * is checked against the headroom. Repeated, over all sessions still short, until no chain is left.
 * <p>
 * All or nothing, session by session: the moves for a session that stays short are undone ({@link #meet}); a session
 * that could not have all it needs even alone on the site is left as the fill left it. Kept, such moves would fill
 * later slots that the fill leaves to the vehicles still to come without meeting a departure now.
 */
final class Repair {

    /** The most moves looked at in one plan: bounds the time on an overloaded site, where few chains exist. */
    static final int MAX_TRIES = 1_000_000;
    /** Sessions in a row the repair could not meet, after which it stops: the site is overloaded. */
    static final int MAX_FAILED_IN_A_ROW = 16;

    /** Current given ({@code amps} > 0) or taken back in one slot, to be undone if the step it belongs to fails. */
    private record Move(Job job, int slot, int amps) {
    }

    private final List<Job> deadlines;
    private final Headroom headroom;
    /** The deadline sessions drawing on each feeder and phase (row). */
    private final List<List<Job>> users = new ArrayList<>();
    private int tries;

    private Repair(List<Job> deadlines, Headroom headroom) {
        this.deadlines = deadlines;
        this.headroom = headroom;
        for (Job job : deadlines) {
            for (int row : job.rows) {
                while (users.size() <= row) {
                    users.add(new ArrayList<>());
                }
                users.get(row).add(job);
            }
        }
    }

    static void apply(List<Job> deadlines, Headroom headroom) {
        new Repair(deadlines, headroom).run();
    }

    private void run() {
        boolean progress = true;
        int failedInARow = 0;
        while (progress && tries < MAX_TRIES && failedInARow < MAX_FAILED_IN_A_ROW) {
            progress = false;
            for (Job job : deadlines) {
                if (job.needWh <= 0 || !reachable(job, headroom)) {
                    continue;
                }
                if (meet(job)) {
                    progress = true;
                    failedInARow = 0;
                } else if (++failedInARow >= MAX_FAILED_IN_A_ROW) {
                    break;
                }
            }
        }
    }

    /** Gives the job more, slot by slot, until it has all it needs; if it stays short, undoes its moves. */
    private boolean meet(Job job) {
        List<Move> done = new ArrayList<>();
        // spread over the window first, so that early slots do not take what the later ones could have freed
        for (boolean spread : new boolean[] {true, false}) {
            for (int slot = 0; slot < job.window && job.needWh > 0 && tries < MAX_TRIES; slot++) {
                if (job.whPerA(slot) > 0 && job.cap(slot) > job.scheduleA[slot]) {
                    augment(job, slot, spread ? job.window - slot : 1, done);
                }
            }
        }
        if (job.needWh > 0) {
            undo(done);
            return false;
        }
        return true;
    }

    /** Whether the job could have all it needs were it alone on the site: only then is it short for want of room. */
    static boolean reachable(Job job, Headroom headroom) {
        int amps = Math.min(job.ceilingA, headroom.alone(job.rows));
        if (amps < Job.MIN_CURRENT_A) {
            return false;
        }
        double wh = 0;
        for (int slot = 0; slot < job.window; slot++) {
            wh += Math.min(amps, job.cap(slot)) * job.whPerA(slot);
        }
        return wh >= job.plannedWh() + job.needWh;
    }

    /** Frees room in {@code slot}, chain by chain, and gives it to the job: its need spread over {@code over} slots. */
    private void augment(Job job, int slot, int over, List<Move> done) {
        int wanted = wanted(job, slot, over);
        List<Move> moves = new ArrayList<>();
        while (usable(job, slot) < wanted && tries < MAX_TRIES) {
            int room = Math.max(0, headroom.room(job.rows, job.wattsPerA, slot));
            int least = job.scheduleA[slot] == 0 ? Math.max(1, Job.MIN_CURRENT_A - room) : 1;
            if (amounts(job, slot, wanted - room, least).stream().noneMatch(amps -> chain(job, slot, amps, moves))) {
                break;
            }
        }
        int take = Math.min(wanted, usable(job, slot));
        if (take > 0) {
            done.addAll(moves);
            give(job, slot, take, done);
        } else {
            undo(moves);
        }
    }

    /**
     * What a chain may move out of {@code slot}: what the job lacks there, the least that lets it charge, and the
     * whole current of a session there that would be left with 1 to 5 A by either (it can only move all of it).
     */
    private java.util.SortedSet<Integer> amounts(Job job, int slot, int lacking, int least) {
        java.util.SortedSet<Integer> amounts = new java.util.TreeSet<>(List.of(least, lacking));
        int row = headroom.tightest(job.rows, slot);
        for (Job donor : row < users.size() ? users.get(row) : List.<Job>of()) {
            int has = donor.scheduleA[slot];
            if (has > least && has - least < Job.MIN_CURRENT_A || has > lacking && has - lacking < Job.MIN_CURRENT_A) {
                amounts.add(has);
            }
        }
        return amounts;
    }

    /** The current the job wants more of in {@code slot}: its need spread over {@code over} slots, within its cap, 6 A or more. */
    private static int wanted(Job job, int slot, int over) {
        int room = job.cap(slot) - job.scheduleA[slot];
        int need = (int) Math.min(room, Math.ceil(job.needWh / job.whPerA(slot) / over));
        return job.scheduleA[slot] == 0 ? Math.min(room, Math.max(Job.MIN_CURRENT_A, need)) : need;
    }

    /** What the job can take in {@code slot} now, keeping 0 or at least 6 A: 0 if it cannot. */
    private int usable(Job job, int slot) {
        int room = Math.min(job.cap(slot) - job.scheduleA[slot], headroom.room(job.rows, job.wattsPerA, slot));
        return job.scheduleA[slot] + room >= Job.MIN_CURRENT_A ? Math.max(0, room) : 0;
    }

    /**
     * Frees {@code amps} in {@code slot} on the feeder and phase that binds the job there, by a chain of moves found
     * breadth-first over slots (each slot reached once): a donor moving current into a slot where one feeder and
     * phase on its path lacks room leaves the rest to be freed there, on that one, by the next; whether it found and
     * made one.
     */
    private boolean chain(Job job, int slot, int amps, List<Move> moves) {
        int slots = job.scheduleA.length;
        Job[] via = new Job[slots];
        int[] from = new int[slots];
        int[] moved = new int[slots];
        int[] lacking = new int[slots];
        int[] tight = new int[slots];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(slot));
        lacking[slot] = amps;
        tight[slot] = headroom.tightest(job.rows, slot);
        via[slot] = job;
        while (!queue.isEmpty()) {
            int out = queue.poll();
            for (Job donor : tight[out] < users.size() ? users.get(tight[out]) : List.<Job>of()) {
                for (int in = 0; in < donor.window && donor != job && donor.scheduleA[out] > 0; in++) {
                    if (++tries > MAX_TRIES) {
                        return false;
                    }
                    int move = via[in] == null ? movable(donor, out, in, lacking[out]) : -1;
                    if (move < 0) {
                        continue;
                    }
                    int room = Math.max(0, headroom.room(donor.rows, donor.wattsPerA, in));
                    int row = headroom.tightest(donor.rows, in);
                    if (room < move && headroom.roomBut(donor.rows, donor.wattsPerA, in, row) < move) {
                        continue; // more than one feeder and phase lack room there
                    }
                    via[in] = donor;
                    from[in] = out;
                    moved[in] = move;
                    lacking[in] = move - room;
                    tight[in] = row;
                    if (lacking[in] <= 0) {
                        return make(in, slot, via, from, moved, moves);
                    }
                    queue.add(in);
                }
            }
        }
        return false;
    }

    /** Makes the chain that ends in {@code end}, from its end (where there is room) back to {@code start}. */
    private boolean make(int end, int start, Job[] via, int[] from, int[] moved, List<Move> moves) {
        List<Move> mine = new ArrayList<>();
        for (int in = end; in != start; in = from[in]) {
            Job donor = via[in];
            int out = from[in];
            if (movable(donor, out, in, moved[in]) != moved[in]
                    || headroom.room(donor.rows, donor.wattsPerA, in) < moved[in]) {
                undo(mine);
                return false;
            }
            give(donor, out, -moved[in], mine);
            give(donor, in, moved[in], mine);
        }
        moves.addAll(mine);
        return true;
    }

    /**
     * The least current, {@code amps} or more, the donor can move from {@code out} to {@code in}, keeping 0 or at least
     * 6 A in both, within its cap, and still having all it had by its departure; -1 if none.
     */
    private static int movable(Job donor, int out, int in, int amps) {
        int has = donor.scheduleA[out];
        if (has < amps) {
            return -1;
        }
        int move = has - amps == 0 || has - amps >= Job.MIN_CURRENT_A ? amps : has;
        move = Math.max(move, Job.MIN_CURRENT_A - donor.scheduleA[in]);
        int left = has - move;
        int then = donor.scheduleA[in] + move;
        double lostWh = move * (donor.whPerA(out) - donor.whPerA(in));
        boolean keeps = lostWh <= 0 || donor.needWh + lostWh <= Math.max(0, donor.needWh);
        return in != out && (left == 0 || left >= Job.MIN_CURRENT_A) && then <= donor.cap(in) && keeps
                ? move : -1;
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
