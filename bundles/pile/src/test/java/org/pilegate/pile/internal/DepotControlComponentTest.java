package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.planner.FixedSitePlanner;
import org.pilegate.api.ManualClock;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/**
 * The depot's settings and load sharing against a real database, with real pile monitors whose relays take every
 * command. The depot's lane is a queue the test runs, so every step is in a known order.
 */
abstract class DepotControlComponentTest {

    /** 3 phases at 230 V. */
    private static final int WATTS_PER_AMP = 690;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final Queue<Runnable> lane = new ArrayDeque<>();
    private DataSource database;
    private DepotControlComponent depot;

    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void start() throws Exception {
        database = freshDatabase();
        depot = new DepotControlComponent(database, clock, lane::add, FixedSitePlanner.unlimited());
    }

    @Test
    void aPileOutOfServiceOpensNothingAndComesBackToWhatThePlugShows() {
        TestPile pile = join("bay-01");

        assertEquals(PileState.UNAVAILABLE, done(depot.setAvailable(pile.id, false)).state());
        pile.plug();
        assertEquals(PileState.UNAVAILABLE, pile.monitor.status().state(), "a vehicle plugged in opens nothing");

        assertEquals(PileState.PLUGGED, done(depot.setAvailable(pile.id, true)).state());
        assertEquals(PileSettings.UNRESTRICTED, depot.settings(pile.id));
    }

    @Test
    void aRunningSessionGoesOnOutOfServiceAndThePileIsUnavailableAfterwards() {
        TestPile pile = join("bay-01");
        charge(pile, "s-1");

        assertEquals(PileState.CHARGING, done(depot.setAvailable(pile.id, false)).state());
        assertEquals(new PileSettings(false, OptionalInt.empty()), depot.settings(pile.id));

        done(pile.monitor.finish("stopped"));
        assertEquals(PileState.FINISHING, pile.monitor.status().state(), "the vehicle is still there");
        pile.unplug();
        assertEquals(PileState.UNAVAILABLE, pile.monitor.status().state());
    }

    @Test
    void aCapReachesTheRunningSessionAtOnceAndEveryLaterOne() {
        TestPile pile = join("bay-01");
        charge(pile, "s-1");
        assertEquals(new RelayCommand.CloseContactor(32), pile.last());

        PileStatus capped = done(depot.limitCurrent(pile.id, OptionalInt.of(16)));

        assertEquals(new RelayCommand.SetCurrentLimit(16), pile.last());
        assertEquals(16, capped.currentLimitA());
        done(pile.monitor.finish("stopped"));
        pile.unplug();
        charge(pile, "s-2");
        assertEquals(new RelayCommand.CloseContactor(16), pile.last());

        done(depot.limitCurrent(pile.id, OptionalInt.empty()));
        assertEquals(new RelayCommand.SetCurrentLimit(32), pile.last(), "lifting the cap gives the maximum back");
    }

    @Test
    void aCapOutsideSixAmpsToThePilesMaximumIsRefused() {
        TestPile pile = join("bay-01");

        for (int refused : new int[] {5, 33}) {
            IllegalArgumentException e = refusal(depot.limitCurrent(pile.id, OptionalInt.of(refused)));
            assertEquals("the current limit of pile bay-01 must be 6 to 32 A, not " + refused, e.getMessage());
        }
        assertEquals(PileSettings.UNRESTRICTED, depot.settings(pile.id));
        assertEquals("there is no pile bay-99 at this depot",
                refusal(depot.setAvailable(new PileId("bay-99"), false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> depot.limitSitePower(OptionalLong.of(-1)));
    }

    @Test
    void theSitesPowerIsSharedAmongTheChargingPiles() {
        TestPile first = join("bay-01");
        TestPile second = join("bay-02");
        depot.limitSitePower(OptionalLong.of(20 * WATTS_PER_AMP));
        charge(first, "s-1");
        assertEquals(new RelayCommand.CloseContactor(20), first.last(), "alone, the first takes all");

        charge(second, "s-2");

        assertEquals(new RelayCommand.SetCurrentLimit(10), first.last());
        assertEquals(new RelayCommand.CloseContactor(10), second.last());
        depot.limitSitePower(OptionalLong.of(40 * WATTS_PER_AMP));
        drain();
        assertEquals(new RelayCommand.SetCurrentLimit(20), first.last());
        assertEquals(new RelayCommand.SetCurrentLimit(20), second.last());
    }

    @Test
    void aPileThatCannotGetSixAmpsIsPausedUntilAnEarlierSessionEnds() {
        TestPile first = join("bay-01");
        TestPile second = join("bay-02");
        depot.limitSitePower(OptionalLong.of(8 * WATTS_PER_AMP));
        charge(first, "s-1");

        charge(second, "s-2");

        assertEquals(new RelayCommand.CloseContactor(0), second.last());
        assertEquals(PileState.SUSPENDED, second.monitor.status().state());
        assertEquals(8, first.monitor.status().currentLimitA());
        clock.advance(Duration.ofHours(1));
        second.monitor.onRelayState(second.relay(PlugState.B, true, 0));
        assertEquals(PileState.SUSPENDED, second.monitor.status().state(), "a paused session is not idle");

        done(first.monitor.finish("stopped"));
        drain();

        assertEquals(new RelayCommand.SetCurrentLimit(8), second.last());
        assertEquals(8, second.monitor.status().currentLimitA());
    }

    @Test
    void thePlanSaysWhatHoldsEachPileBack() {
        TestPile first = join("bay-01");
        TestPile second = join("bay-02");
        depot.limitSitePower(OptionalLong.of(8 * WATTS_PER_AMP));
        charge(first, "s-1");
        charge(second, "s-2");

        var plan = depot.plan().orElseThrow();
        assertEquals(8, plan.pile(first.id).orElseThrow().currentA());
        assertEquals("site power limit", plan.pile(second.id).orElseThrow().hold().text());
        assertEquals(List.of(8L * WATTS_PER_AMP), plan.sitePowerW().subList(0, 1));
    }

    @Test
    void theBuildingsLoadMovingIsPlannedAnewWithinTheGridConnection() {
        FixedSitePlanner site = new FixedSitePlanner(new SiteModel(List.of(new Feeder(Feeder.GRID, Optional.empty(),
                PhaseCurrents.of(40))), OptionalLong.empty(), 0, Optional.empty()), "", ZoneOffset.UTC, false);
        depot = new DepotControlComponent(database, clock, lane::add, site);
        TestPile pile = join("bay-01");
        charge(pile, "s-1");
        assertEquals(new RelayCommand.CloseContactor(32), pile.last());

        site.baseLoad(new PhaseCurrents(20, 5, 5));
        drain();

        assertEquals(new RelayCommand.SetCurrentLimit(20), pile.last());
        assertEquals("grid connection, phase L1 at 40 A",
                depot.plan().orElseThrow().pile(pile.id).orElseThrow().hold().text());
    }

    @Test
    void aRisingCurrentIsPlannedAgainOnceItMayHaveRisenWithoutWaitingForAnEvent() {
        depot = new DepotControlComponent(database, clock, lane::add, FixedSitePlanner.unlimited().boundRise(12));
        List<Duration> delays = new ArrayList<>();
        List<Runnable> followUps = new ArrayList<>();
        depot.later = (delay, task) -> {
            delays.add(delay);
            followUps.add(task);
        };
        TestPile pile = join("bay-01");
        depot.limitSitePower(OptionalLong.of(8 * WATTS_PER_AMP));
        charge(pile, "s-1");
        assertEquals(new RelayCommand.CloseContactor(8), pile.last(), "a starting pile takes its current at once");

        depot.limitSitePower(OptionalLong.empty());
        drain();
        assertEquals("current rising, 8 A for now", depot.plan().orElseThrow().pile(pile.id).orElseThrow().hold()
                .text());
        assertEquals(List.of(Duration.ofSeconds(30)), delays, "6 A at 12 A per minute");

        clock.advance(Duration.ofSeconds(30));
        followUps.get(0).run();
        drain();
        assertEquals(new RelayCommand.SetCurrentLimit(14), pile.last());
        assertEquals(2, delays.size(), "still rising: followed up again");
    }

    @Test
    void aPileThatLeavesFreesItsShare() {
        TestPile first = join("bay-01");
        TestPile second = join("bay-02");
        depot.limitSitePower(OptionalLong.of(20 * WATTS_PER_AMP));
        charge(first, "s-1");
        charge(second, "s-2");

        depot.leave(first.id, first.monitor);
        drain();

        assertEquals(new RelayCommand.SetCurrentLimit(20), second.last());
    }

    @Test
    void aPileWhoseMaximumIsLoweredGetsNoMoreThanItEvenWithAHigherCap() {
        TestPile pile = join("bay-01");
        done(depot.limitCurrent(pile.id, OptionalInt.of(20)));
        charge(pile, "s-1");
        assertEquals(new RelayCommand.CloseContactor(20), pile.last());

        depot.resupply(pile.id, pile.monitor, new DepotShares.Supply(16, 3, 230));
        drain();

        assertEquals(new RelayCommand.SetCurrentLimit(16), pile.last());
    }

    @Test
    void settingsSurviveARestart() {
        TestPile pile = join("bay-01");
        done(depot.setAvailable(pile.id, false));
        done(depot.limitCurrent(pile.id, OptionalInt.of(12)));
        depot.limitSitePower(OptionalLong.of(11_000));
        depot.limitSitePower(OptionalLong.of(22_000));

        DepotControlComponent restarted = new DepotControlComponent(database, clock, lane::add, FixedSitePlanner.unlimited());

        assertEquals(new PileSettings(false, OptionalInt.of(12)), restarted.settings(pile.id));
        assertEquals(OptionalLong.of(22_000), restarted.sitePowerLimitW());
        depot = restarted;
        TestPile again = join("bay-01");
        again.monitor.onRelayState(again.relay(PlugState.A, false, 0));
        assertEquals(PileState.UNAVAILABLE, again.monitor.status().state(), "out of service from the start");

        restarted.limitSitePower(OptionalLong.empty());
        assertEquals(OptionalLong.empty(), new DepotControlComponent(database, clock, lane::add, FixedSitePlanner.unlimited()).sitePowerLimitW());
    }

    private TestPile join(String id) {
        TestPile pile = new TestPile(new PileId(id), clock);
        depot.join(pile.id, pile.monitor, new DepotShares.Supply(32, 3, 230));
        return pile;
    }

    private void charge(TestPile pile, String session) {
        pile.plug();
        pile.monitor.prompted();
        PileStatus charging = done(depot.charge(pile.id, new ChargingInfo(new SessionId(session), pile.id,
                Optional.empty(), 32, Optional.empty(), Optional.empty(), Optional.empty()), 1_000));
        assertTrue(charging.contactorClosed());
    }

    private void drain() {
        Runnable task;
        while ((task = lane.poll()) != null) {
            task.run();
        }
    }

    private <T> T done(CompletionStage<T> stage) {
        drain();
        CompletableFuture<T> future = stage.toCompletableFuture();
        assertTrue(future.isDone(), "the depot's lane has run");
        return future.join();
    }

    private IllegalArgumentException refusal(CompletionStage<?> stage) {
        CompletionException failed = assertThrows(CompletionException.class, () -> done(stage));
        return assertInstanceOf(IllegalArgumentException.class, failed.getCause());
    }
}
