package org.pilegate.planner.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * After the repair, where deadline sessions are still short: the augmenting paths of a max-flow over the whole
 * time-expanded feeder tree, starting from the plan as it is. A path gives a short session current in a slot and
 * runs up its feeders to the grid connection where there is room; where a feeder and phase is full, it runs down it
 * to a session below that gives current back in that slot and takes it in another slot of its own, and on from
 * there. So it frees as many feeders, phases and slots at once as a meeting of the departures needs, which the
 * repair's chains (one feeder and phase, from one slot) cannot. A flow lets a session have 1 to 5 A; each such
 * current is then raised to 6 A along a path of its own or, where none is left, taken away and made up elsewhere.
 * <p>
 * Only single-phase sessions at the same voltage, in whole quarter hours, are moved (a three-phase pile takes the
 * same current on three phases at once, which a flow cannot say; a part slot gives less energy per ampere); all
 * others keep their plan, and what they take is left out of the room. All or nothing: unless every short session it
 * looks at has all it needs and every current is 0 or at least 6 A, the plan is left as the repair left it. It runs
 * only where a few sessions are short, and stops after a bounded number of steps: it is for a site that can meet
 * every departure, not for an overloaded one.
 */
final class Reroute {

    /** The most short sessions it takes on: more, and the site is overloaded. */
    static final int MAX_SHORT = 16;
    /** The most edges looked at in one plan: bounds its time (some 30 ms). */
    static final long MAX_VISITS = 3_000_000;

    /**
     * Tries, each walking the slots and the currents of 1 to 5 A in another order: where one gets stuck under the
     * 6 A rule, another may get through.
     */
    static final int ATTEMPTS = 4;
    private static final int UNSEEN = -1;
    private static final byte ON = 1;
    private static final byte OFF = 2;

    private final List<Job> jobs;
    private final Headroom headroom;
    private final int slots;
    /** By row: the row above it, -1 for the grid connection's; the rows and sessions right below it. */
    private final int[] parent;
    private final List<List<Integer>> children = new ArrayList<>();
    private final List<List<Integer>> sessions = new ArrayList<>();
    /** By session and slot: whether it may move current there; 6 A forced on, or nothing. */
    private final boolean[][] movable;
    private final byte[][] forced;
    /** By node (the sessions, then each row in each slot): where a path came from, and the most it carries. */
    private final int[] from;
    private final int[] carries;
    /** Session-slots whose current changed: where a current of 1 to 5 A may be. */
    private final ArrayDeque<int[]> touched = new ArrayDeque<>();
    /** Every move made, to take back what does not meet them all. */
    private final List<int[]> log = new ArrayList<>();
    private long visits;
    private int attempt;

    private Reroute(List<Job> jobs, Headroom headroom) {
        this.jobs = jobs;
        this.headroom = headroom;
        slots = jobs.get(0).scheduleA.length;
        int rows = jobs.stream().flatMapToInt(job -> Arrays.stream(job.rows)).max().orElse(0) + 1;
        parent = new int[rows];
        for (int row = 0; row < rows; row++) {
            children.add(new ArrayList<>());
            sessions.add(new ArrayList<>());
        }
        movable = new boolean[jobs.size()][slots];
        forced = new byte[jobs.size()][slots];
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            for (int k = 0; k < job.rows.length; k++) {
                int row = job.rows[k];
                int up = k + 1 < job.rows.length ? job.rows[k + 1] : -1;
                if (k > 0 && !children.get(row).contains(job.rows[k - 1])) {
                    children.get(row).add(job.rows[k - 1]);
                }
                parent[row] = up;
            }
            sessions.get(job.rows[0]).add(i);
            double whole = job.wattsPerA * Slots.LENGTH.toMinutes() / 60.0;
            for (int slot = 0; slot < job.window; slot++) {
                movable[i][slot] = Math.abs(job.whPerA(slot) - whole) < 1e-6 && job.cap(slot) >= Job.MIN_CURRENT_A;
            }
        }
        from = new int[jobs.size() + rows * slots];
        carries = new int[from.length];
    }

    /** Meets the short deadline sessions it can take on, all of them, or leaves the plan as it is. */
    static void apply(List<Job> deadlines, Headroom headroom) {
        List<Job> shortOnes = deadlines.stream().filter(job -> job.needWh > 0 && Repair.reachable(job, headroom))
                .toList();
        if (shortOnes.isEmpty() || shortOnes.size() > MAX_SHORT) {
            return;
        }
        long wattsPerA = shortOnes.get(0).wattsPerA;
        List<Job> moved = deadlines.stream()
                .filter(job -> job.demand.wiring().phases().size() == 1 && job.wattsPerA == wattsPerA).toList();
        List<Job> targets = shortOnes.stream().filter(moved::contains).toList();
        if (!targets.isEmpty()) {
            new Reroute(moved, headroom).meet(targets);
        }
    }

    private void meet(List<Job> targets) {
        for (attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (!targets.stream().allMatch(job -> fill(jobs.indexOf(job)))) {
                undo(0); // no path left: not even a flow meets them, in whatever order
                return;
            }
            if (sixAmpereRule()) {
                return;
            }
            undo(0);
            touched.clear();
            Arrays.stream(forced).forEach(session -> Arrays.fill(session, (byte) 0));
        }
    }

    /** Augments until session {@code i} has all it needs; whether it could. */
    private boolean fill(int i) {
        while (units(jobs.get(i)) > 0) {
            int end = search(i, Integer.MAX_VALUE, -1, Math.min(Job.MIN_CURRENT_A, units(jobs.get(i))));
            if (end < 0) {
                end = search(i, Integer.MAX_VALUE, -1, 1);
            }
            if (end < 0) {
                return false;
            }
            augment(end, i, Math.min(carries[end], units(jobs.get(i))));
        }
        return true;
    }

    /**
     * Each current of 1 to 5 A the paths left: raised to 6 A by a path from its slot, the session itself or one with
     * energy to spare giving the difference back; where there is none, taken away and made up by paths elsewhere.
     */
    private boolean sixAmpereRule() {
        while (!touched.isEmpty()) {
            int[] at = (attempt & 2) == 0 ? touched.pollFirst() : touched.pollLast();
            int i = at[0];
            int slot = at[1];
            Job job = jobs.get(i);
            int has = job.scheduleA[slot];
            if (has == 0 || has >= Job.MIN_CURRENT_A) {
                continue;
            }
            forced[i][slot] = ON;
            int mark = log.size();
            if (raise(i, slot, Job.MIN_CURRENT_A - has)) {
                continue;
            }
            undo(mark);
            forced[i][slot] = OFF;
            give(i, slot, -has);
            if (!fill(i)) {
                return false;
            }
        }
        return true;
    }

    /** Raises session {@code i}'s current in {@code slot} by {@code lacking}, path by path; whether it could. */
    private boolean raise(int i, int slot, int lacking) {
        int start = node(jobs.get(i).rows[0], slot);
        for (int left = lacking; left > 0;) {
            int end = search(start, left, i, 1);
            if (end < 0) {
                return false;
            }
            int amps = carries[end];
            augment(end, start, amps);
            give(i, slot, amps);
            left -= amps;
        }
        return true;
    }

    /**
     * Breadth-first from {@code start} over the residual network, along edges that carry {@code least} or more: to the
     * grid connection with room, to a session with that much energy to spare, or back to {@code origin}; the node it
     * ends in, or -1 if there is none (or the steps ran out).
     */
    private int search(int start, int most, int origin, int least) {
        Arrays.fill(from, UNSEEN);
        from[start] = start;
        carries[start] = most;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty() && visits < MAX_VISITS) {
            int u = queue.poll();
            if (u < jobs.size()) {
                Job job = jobs.get(u);
                if (u != start && (u == origin || surplus(job) >= least)) {
                    carries[u] = u == origin ? carries[u] : (int) Math.min(carries[u], surplus(job));
                    return u;
                }
                // slots where it already charges first: more there keeps it at 6 A or above
                for (boolean charging : new boolean[] {true, false}) {
                    for (int k = 0; k < job.window; k++) {
                        int slot = (attempt & 1) == 0 ? k : job.window - 1 - k;
                        if (movable[u][slot] && forced[u][slot] != OFF && job.scheduleA[slot] > 0 == charging) {
                            visit(node(job.rows[0], slot), u, job.cap(slot) - job.scheduleA[slot], least, queue);
                        }
                    }
                }
                continue;
            }
            int row = (u - jobs.size()) / slots;
            int slot = (u - jobs.size()) % slots;
            if (parent[row] < 0) {
                int room = headroom.room(new int[] {row}, jobs.get(0).wattsPerA, slot);
                if (room >= least) {
                    carries[u] = Math.min(carries[u], room);
                    return u;
                }
            } else {
                visit(node(parent[row], slot), u, headroom.left(row, slot), least, queue);
            }
            for (int child : children.get(row)) {
                visit(node(child, slot), u, headroom.given(child, slot), least, queue);
            }
            for (int i : sessions.get(row)) {
                if (movable[i][slot]) {
                    int has = jobs.get(i).scheduleA[slot];
                    visit(i, u, forced[i][slot] == ON ? has - Job.MIN_CURRENT_A : has, least, queue);
                }
            }
        }
        return -1;
    }

    private void visit(int v, int u, int residual, int least, ArrayDeque<Integer> queue) {
        visits++;
        if (from[v] == UNSEEN && residual >= least) {
            from[v] = u;
            carries[v] = Math.min(carries[u], residual);
            queue.add(v);
        }
    }

    /** Moves {@code amps} along the path from {@code start} to {@code end}: each session's current, slot by slot. */
    private void augment(int end, int start, int amps) {
        for (int v = end; v != start; v = from[v]) {
            int u = from[v];
            if (v < jobs.size() && u >= jobs.size()) {
                give(v, (u - jobs.size()) % slots, -amps); // a session giving back in the slot the path came from
            } else if (u < jobs.size()) {
                give(u, (v - jobs.size()) % slots, amps);
            }
        }
    }

    private void give(int i, int slot, int amps) {
        jobs.get(i).give(headroom, slot, amps);
        int[] move = {i, slot, amps};
        touched.add(move);
        log.add(move);
    }

    /** Takes back every move after the first {@code mark}, the last first. */
    private void undo(int mark) {
        while (log.size() > mark) {
            int[] move = log.remove(log.size() - 1);
            jobs.get(move[0]).give(headroom, move[1], -move[2]);
        }
    }

    private int node(int row, int slot) {
        return jobs.size() + row * slots + slot;
    }

    /** Whole ampere-slots the session still lacks. */
    private static int units(Job job) {
        return job.needWh <= 0 ? 0 : (int) Math.ceil(job.needWh / wholeSlotWh(job) - 1e-9);
    }

    /** Whole ampere-slots it has beyond what it needs. */
    private static int surplus(Job job) {
        return job.needWh >= 0 ? 0 : (int) Math.floor(-job.needWh / wholeSlotWh(job) + 1e-9);
    }

    private static double wholeSlotWh(Job job) {
        return job.wattsPerA * Slots.LENGTH.toMinutes() / 60.0;
    }
}
