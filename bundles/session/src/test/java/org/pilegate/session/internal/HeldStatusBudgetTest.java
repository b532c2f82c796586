package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pilegate.api.session.SessionState;

class HeldStatusBudgetTest {

    private static final Instant T0 = Instant.parse("2026-12-03T21:00:00Z");
    private static final long START_WH = 1_234_000;

    @Test
    void theBudgetIsSplitEvenlyAmongTheOpenSessionsAndKeepsThemWithinIt() {
        HeldStatusBudget budget = new HeldStatusBudget(64);

        int share = budget.share(2_000);

        assertEquals(335, share, "64 MiB at 100 B a point over 2,000 sessions");
        assertTrue(2_000L * share * HeldStatusBudget.POINT_BYTES <= 64L * 1024 * 1024);
        assertEquals(671_088, budget.share(0), "no session open: one may take it all");
        budget.resize(1);
        assertEquals(HeldStatusBudget.MIN_SHARE, budget.share(1_000_000), "first and latest, whatever the budget");
    }

    @Test
    void withinItsShareASessionHoldsEveryPoint() {
        HeldStatusBudget budget = new HeldStatusBudget(64);
        List<StatusPoint> due = charging(1, 10);

        assertSame(due, budget.within(due, 10));
        assertEquals(0, budget.thinned());
    }

    @Test
    void pastItsShareASessionKeepsItsFirstAndLatestPointAndEveryNthBetween() {
        HeldStatusBudget budget = new HeldStatusBudget(64);
        List<StatusPoint> due = charging(41, 10);

        List<StatusPoint> kept = budget.within(due, 5);

        assertEquals(List.of(41L, 45L, 49L, 50L), seqs(kept));
        assertEquals(START_WH + 50 * 10, kept.get(kept.size() - 1).registerWh(), "the latest register bills it all");
        assertEquals(6, budget.thinned());
    }

    @Test
    void anOutageHeldTickByTickIsCoveredEvenlyFromItsFirstPointToItsLatest() {
        HeldStatusBudget budget = new HeldStatusBudget(64);
        List<StatusPoint> held = new ArrayList<>();

        for (long seq = 1; seq <= 100; seq++) {
            List<StatusPoint> due = new ArrayList<>(held);
            due.add(point(seq, SessionState.CHARGING));
            held = budget.within(due, 8);
            assertTrue(held.size() <= 8, "held " + held.size());
        }

        assertEquals(List.of(1L, 17L, 33L, 49L, 65L, 81L, 97L, 100L), seqs(held));
        assertEquals(92, budget.thinned());
    }

    @Test
    void aChangeBetweenChargingAndSuspendedIsKeptWhileTheShareAllows() {
        List<StatusPoint> due = points("CCCSSSCCCC");

        List<StatusPoint> kept = HeldStatusBudget.thin(due, 6);

        assertEquals(List.of(1L, 4L, 5L, 7L, 9L, 10L), seqs(kept), "4 suspended, 7 charging again");
    }

    @Test
    void aShareTooSmallForEveryChangeStillHoldsNoMoreThanItAllows() {
        List<StatusPoint> due = points("CSCSCSCSCS");

        List<StatusPoint> kept = HeldStatusBudget.thin(due, 3);

        assertEquals(List.of(1L, 9L, 10L), seqs(kept));
        assertEquals(List.of(1L, 10L), seqs(HeldStatusBudget.thin(due, 0)), "never fewer than first and latest");
    }

    private static List<StatusPoint> charging(long firstSeq, int count) {
        List<StatusPoint> points = new ArrayList<>();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            points.add(point(seq, SessionState.CHARGING));
        }
        return points;
    }

    /** One point per letter, numbered from 1: C charging, S suspended. */
    private static List<StatusPoint> points(String states) {
        List<StatusPoint> points = new ArrayList<>();
        for (int i = 0; i < states.length(); i++) {
            points.add(point(i + 1, states.charAt(i) == 'C' ? SessionState.CHARGING : SessionState.SUSPENDED));
        }
        return points;
    }

    private static StatusPoint point(long seq, SessionState state) {
        return new StatusPoint(seq, T0.plusSeconds(5 * seq), state, 11_000, START_WH + seq * 10);
    }

    private static List<Long> seqs(List<StatusPoint> points) {
        return points.stream().map(StatusPoint::seq).toList();
    }
}
