package org.pilegate.planner.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.pilegate.api.plan.Hold;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/**
 * What is left, in every slot, of each feeder's limit on each phase (less the safety margin, and at the grid
 * connection less the building's other load) and of the site's power limit. Piles take current from it along the
 * path from their feeder up to the grid connection.
 */
final class Headroom {

    private final List<Feeder> feeders;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] parent;
    /** [feeder × 3 + phase][slot], in A. */
    private final int[][] amps;
    /** [feeder × 3 + phase]: what each row had free before anything was planned, in A. */
    private final int[] free;
    /** [slot], in W; Long.MAX_VALUE when the site has no power limit. */
    private final long[] watts;

    Headroom(SiteModel site, PhaseCurrents baseLoadA, OptionalLong powerLimitW, int slots) {
        feeders = site.feeders();
        for (int i = 0; i < feeders.size(); i++) {
            index.put(feeders.get(i).id(), i);
        }
        parent = new int[feeders.size()];
        amps = new int[feeders.size() * 3][slots];
        free = new int[feeders.size() * 3];
        for (int i = 0; i < feeders.size(); i++) {
            Feeder feeder = feeders.get(i);
            parent[i] = feeder.parent().map(index::get).orElse(-1);
            for (Phase phase : Phase.values()) {
                int base = feeder.parent().isEmpty() ? baseLoadA.on(phase) : 0;
                free[i * 3 + phase.ordinal()] = Math.max(0, feeder.limitA().on(phase) - site.safetyMarginA() - base);
                java.util.Arrays.fill(amps[i * 3 + phase.ordinal()], free[i * 3 + phase.ordinal()]);
            }
        }
        watts = new long[slots];
        long baseW = 230L * (baseLoadA.l1A() + baseLoadA.l2A() + baseLoadA.l3A());
        java.util.Arrays.fill(watts, powerLimitW.isPresent() ? Math.max(0, powerLimitW.getAsLong() - baseW)
                : Long.MAX_VALUE);
    }

    /** The rows (feeder × phase) a pile on {@code feeder} draws from on each of {@code phases}; empty if unknown. */
    int[] rows(String feeder, List<Phase> phases) {
        Integer at = index.get(feeder);
        if (at == null) {
            return new int[0];
        }
        int depth = 0;
        for (int f = at; f >= 0; f = parent[f]) {
            depth++;
        }
        int[] rows = new int[depth * phases.size()];
        int k = 0;
        for (int f = at; f >= 0; f = parent[f]) {
            for (Phase phase : phases) {
                rows[k++] = f * 3 + phase.ordinal();
            }
        }
        return rows;
    }

    /** The most current a pile drawing from {@code rows} at {@code wattsPerA} can still take in {@code slot}. */
    int room(int[] rows, long wattsPerA, int slot) {
        long room = watts[slot] / wattsPerA;
        for (int row : rows) {
            room = Math.min(room, amps[row][slot]);
        }
        return (int) Math.min(room, Integer.MAX_VALUE);
    }

    /** The most current each of {@code jobs} can take in {@code slot} at once, every one the same. */
    long evenRoom(List<Job> jobs, int slot) {
        int[] users = new int[amps.length];
        long wattsPerA = 0;
        for (Job job : jobs) {
            for (int row : job.rows) {
                users[row]++;
            }
            wattsPerA += job.wattsPerA;
        }
        long room = watts[slot] == Long.MAX_VALUE ? Long.MAX_VALUE : watts[slot] / Math.max(1, wattsPerA);
        for (int row = 0; row < users.length; row++) {
            if (users[row] > 0) {
                room = Math.min(room, amps[row][slot] / users[row]);
            }
        }
        return room;
    }

    /**
     * The most current a pile can take in {@code slot} while every row on its path keeps {@code 1 - share} of what it
     * had free unused.
     */
    int roomWithin(int[] rows, long wattsPerA, int slot, double share) {
        int room = room(rows, wattsPerA, slot);
        for (int row : rows) {
            room = Math.min(room, amps[row][slot] - (int) Math.ceil((1 - share) * free[row]));
        }
        return Math.max(0, room);
    }

    /** The most current a pile drawing from {@code rows} could have in any slot with nothing else planned. */
    int alone(int[] rows) {
        int room = Integer.MAX_VALUE;
        for (int row : rows) {
            room = Math.min(room, free[row]);
        }
        return room;
    }

    /** The largest share of its free current any row of {@code rows} has given in {@code slot}: 0 to 1. */
    double used(int[] rows, int slot) {
        double used = 0;
        for (int row : rows) {
            used = Math.max(used, free[row] == 0 ? 1 : 1 - (double) amps[row][slot] / free[row]);
        }
        return used;
    }

    /** The feeder and phase on a pile's path with the least left in {@code slot}. */
    int tightest(int[] rows, int slot) {
        int tightest = rows[0];
        for (int row : rows) {
            if (amps[row][slot] < amps[tightest][slot]) {
                tightest = row;
            }
        }
        return tightest;
    }

    /** {@link #room}, as if {@code freed} (a feeder and phase on the path) had all the room the others leave. */
    int roomBut(int[] rows, long wattsPerA, int slot, int freed) {
        long room = watts[slot] / wattsPerA;
        for (int row : rows) {
            if (row != freed) {
                room = Math.min(room, amps[row][slot]);
            }
        }
        return (int) Math.min(room, Integer.MAX_VALUE);
    }

    /** What is left of one feeder and phase (row) in {@code slot}, in A. */
    int left(int row, int slot) {
        return amps[row][slot];
    }

    /** What the piles below one feeder and phase (row) take from it in {@code slot}, in A. */
    int given(int row, int slot) {
        return free[row] - amps[row][slot];
    }

    void take(int[] rows, long wattsPerA, int slot, int current) {
        for (int row : rows) {
            amps[row][slot] -= current;
        }
        if (watts[slot] != Long.MAX_VALUE) {
            watts[slot] -= current * wattsPerA;
        }
    }

    /** The limit with the least left for a pile drawing from {@code rows} in {@code slot}, in words. */
    Hold binding(int[] rows, long wattsPerA, int slot) {
        int tightest = -1;
        long least = Long.MAX_VALUE;
        for (int row : rows) {
            if (amps[row][slot] < least) {
                least = amps[row][slot];
                tightest = row;
            }
        }
        if (watts[slot] / wattsPerA < least || tightest < 0) {
            return new Hold(Hold.Kind.SITE_POWER, "site power limit");
        }
        Feeder feeder = feeders.get(tightest / 3);
        Phase phase = Phase.values()[tightest % 3];
        String name = feeder.parent().isEmpty() ? "grid connection" : "feeder " + feeder.id();
        return new Hold(Hold.Kind.FEEDER, name + ", phase " + phase + " at " + feeder.limitA().on(phase) + " A");
    }
}
