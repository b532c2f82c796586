package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.DepotPlanner;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.planner.FixedSitePlanner;

/** The site's power shared among charging piles with real monitors, on a lane the test runs. */
class DepotSharingTest {

    /** 3 phases at 230 V. */
    private static final int WATTS_PER_AMP = 690;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final Queue<Runnable> lane = new ArrayDeque<>();
    private final Map<PileId, GovernedPile> piles = new HashMap<>();
    private OptionalLong siteLimitW = OptionalLong.empty();
    /** Whether the planner fails, as a planner with a broken site model would. */
    private boolean planFails;
    private final DepotPlanner planner = failing(FixedSitePlanner.unlimited());
    private final DepotPlanning planning = new DepotPlanning(planner, clock);
    private final DepotSharing sharing = new DepotSharing(lane::add, planning, piles::get,
            pile -> PileSettings.UNRESTRICTED, () -> siteLimitW, (delay, task) -> { });

    @Test
    void sessionsAdmittedTogetherAreSharedOutOnceEachClosingAtItsShare() {
        siteLimitW = OptionalLong.of(20 * WATTS_PER_AMP);
        TestPile first = prompted("bay-01");
        TestPile second = prompted("bay-02");

        CompletionStage<PileStatus> firstCharging = sharing.admit(first.id, info(first, "s-1"), 1_000);
        CompletionStage<PileStatus> secondCharging = sharing.admit(second.id, info(second, "s-2"), 1_000);
        drain();

        assertEquals(List.of(new RelayCommand.CloseContactor(10)), first.commands, "never told it had all 20 A");
        assertEquals(List.of(new RelayCommand.CloseContactor(10)), second.commands);
        assertEquals(PileState.CHARGING, done(firstCharging).state());
        assertEquals(PileState.CHARGING, done(secondCharging).state());
        assertEquals(2, planning.latest().piles().size());
    }

    @Test
    void aPileHearsOnlyOfAShareThatChanged() {
        TestPile first = charging("bay-01", "s-1");
        TestPile second = prompted("bay-02");

        sharing.admit(second.id, info(second, "s-2"), 1_000);
        drain();

        assertEquals(List.of(new RelayCommand.CloseContactor(32)), first.commands, "its 32 A are still its own");
        assertEquals(List.of(new RelayCommand.CloseContactor(32)), second.commands);
    }

    @Test
    void anEndedSessionFreesItsShareForTheOthersAndOneStillRunningKeepsIt() {
        siteLimitW = OptionalLong.of(20 * WATTS_PER_AMP);
        TestPile first = charging("bay-01", "s-1");
        TestPile second = charging("bay-02", "s-2");
        assertEquals(new RelayCommand.SetCurrentLimit(10), first.last());

        sharing.ended(first.id);
        assertTrue(lane.isEmpty(), "a pile still charging shares nothing out");

        first.monitor.finish("stopped");
        sharing.ended(first.id);
        drain();
        assertEquals(new RelayCommand.SetCurrentLimit(20), second.last());
    }

    @Test
    void whenThePlanFailsTheChargingPilesPauseAtZeroUntilTheNextPlan() {
        TestPile pile = charging("bay-01", "s-1");

        planFails = true;
        Map<PileId, CompletionStage<PileStatus>> told = sharing.share();
        assertEquals(0, done(told.get(pile.id)).currentLimitA());
        assertEquals(new RelayCommand.SetCurrentLimit(0), pile.last());

        planFails = false;
        sharing.shareSoon();
        drain();
        assertEquals(new RelayCommand.SetCurrentLimit(32), pile.last());
    }

    @Test
    void aSessionOnAPileTheDepotNoLongerGovernsFailsToStart() {
        TestPile gone = prompted("bay-01");
        piles.remove(gone.id);

        CompletionStage<PileStatus> charging = sharing.admit(gone.id, info(gone, "s-1"), 1_000);
        drain();

        CompletionException failed = assertThrows(CompletionException.class, () -> done(charging));
        assertEquals("there is no pile bay-01 at this depot",
                assertInstanceOf(IllegalArgumentException.class, failed.getCause()).getMessage());
        assertEquals(List.of(), gone.commands);
    }

    private TestPile prompted(String id) {
        TestPile pile = new TestPile(new PileId(id), clock);
        piles.put(pile.id, new GovernedPile(pile.monitor, new DepotShares.Supply(32, 3, 230), () -> { }));
        pile.plug();
        pile.monitor.prompted();
        return pile;
    }

    private TestPile charging(String id, String session) {
        TestPile pile = prompted(id);
        CompletionStage<PileStatus> charging = sharing.admit(pile.id, info(pile, session), 1_000);
        drain();
        assertTrue(done(charging).contactorClosed());
        return pile;
    }

    private static ChargingInfo info(TestPile pile, String session) {
        return new ChargingInfo(new SessionId(session), pile.id, Optional.empty(), 32, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private void drain() {
        Runnable task;
        while ((task = lane.poll()) != null) {
            task.run();
        }
    }

    private static <T> T done(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        assertTrue(future.isDone(), "the lane has run");
        return future.join();
    }

    /** The site planner, failing while {@link #planFails}. */
    private DepotPlanner failing(DepotPlanner site) {
        return (DepotPlanner) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DepotPlanner.class},
                (proxy, method, arguments) -> {
                    if (planFails && method.getName().equals("plan")) {
                        throw new IllegalStateException("the site model does not add up");
                    }
                    return method.invoke(site, arguments);
                });
    }
}
