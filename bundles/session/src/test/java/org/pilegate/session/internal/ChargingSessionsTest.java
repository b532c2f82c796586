package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.pilegate.api.ManualClock;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.StoreOutage;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.session.ChargingTargets;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingPrompt;
import org.pilegate.api.terminal.ChargingRequest;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.PromptRequest;
import org.pilegate.api.terminal.ResumeRequest;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalOutbox;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.wallet.internal.JdbcWallet;

/**
 * The server side of the dialogue against a real database, with piles whose status the test sets. Pile events are
 * handled on the session service's own threads, hence the waiting.
 */
abstract class ChargingSessionsTest {

    static final String OUTAGE = "outage";
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final AccountId ANNA = new AccountId("anna");
    private static final TerminalId ANNA_PHONE = new TerminalId("anna-phone");
    private static final TerminalId STRANGER = new TerminalId("stranger-phone");
    private static final VehicleId ANNAS_EV = new VehicleId("DE8AAEVCC1234");
    private static final long START_WH = 1_234_000;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00.123456789Z"));
    private final Map<TerminalId, List<TerminalOutbound>> pushed = new ConcurrentHashMap<>();
    private final TerminalOutbox outbox = (terminal, message) -> {
        pushed.computeIfAbsent(terminal, t -> new CopyOnWriteArrayList<>()).add(message);
        return true;
    };
    private final SharedThreads threads = new SharedThreads(16);
    /** Piles at which the tariff fails, as a broken tariff would. */
    private final Set<PileId> unpriceable = ConcurrentHashMap.newKeySet();
    private final Pricing tariff = new Pricing() {
        private final Pricing cents = new CentPerTenWh();

        @Override
        public Optional<Currency> currency(PileId pile) {
            return cents.currency(pile);
        }

        @Override
        public Optional<String> summary(PileId pile) {
            return cents.summary(pile);
        }

        @Override
        public Optional<PricedSession> price(PileId pile, SessionTimeline timeline) {
            if (unpriceable.contains(pile)) {
                throw new IllegalStateException("no price for pile " + pile);
            }
            return cents.price(pile, timeline);
        }
    };
    private DataSource database;
    private JdbcWallet wallet;
    private JdbcVehicleRegistry registry;
    private ChargingSessions server;
    private FakePileController pile;

    /** @param test the test it is for: one tagged {@value #OUTAGE} takes the database out of reach */
    abstract DataSource freshDatabase(TestInfo test) throws Exception;

    /** Takes the database out of reach as it fails in the field (H2: a full disk; PostgreSQL: stopped), or back. */
    abstract void outage(boolean out) throws Exception;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        database = freshDatabase(test);
        wallet = new JdbcWallet(database);
        registry = new JdbcVehicleRegistry(database, Clock.fixed(clock.instant(), ZoneOffset.UTC));
        registry.registerAccount(ANNA, "Anna");
        registry.registerVehicle(ANNAS_EV, ANNA);
        registry.registerTerminal(ANNA_PHONE, ANNA);
        registry.registerAccount(new AccountId("someone"), "Someone");
        registry.registerTerminal(STRANGER, new AccountId("someone"));
        server = startServer();
        pile = addPile("bay-07", START_WH);
        wallet.topUp(ANNA, Money.of(10_000, "EUR"), "opening-balance");
    }

    @AfterEach
    void stop() {
        server.deactivate();
        threads.close();
    }

    @Test
    void plugInPromptsTheTerminalsOfTheVehiclesAccount() {
        pile.plug(Optional.of(ANNAS_EV));

        AssociationPrompt association = awaitPrompt(ANNA_PHONE);
        ChargingPrompt charging = (ChargingPrompt) pushed.get(ANNA_PHONE).get(0);
        assertEquals(Optional.of(ANNAS_EV), charging.vehicle());
        assertEquals(32, charging.maxCurrentA());
        assertEquals(new PileId("bay-07"), association.pile());
        // the pile hears that the prompts went out just after they did
        awaitTrue(() -> pile.state() == PileState.PROMPTED);
        assertFalse(pushed.containsKey(STRANGER), "prompts go to the vehicle's account only");
    }

    @Test
    void theWholeDialogueChargesAndEndsWithTheMeterDelta() {
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);

        StatusUpdate bound = (StatusUpdate) single(send(ANNA_PHONE, associate(prompt, ANNA_PHONE)));
        assertEquals(SessionState.PENDING, bound.state());
        assertEquals(1, bound.seq());

        StatusUpdate charging = (StatusUpdate) single(send(ANNA_PHONE, new ChargingRequest(pile.id(),
                new ChargingTargets(Optional.of(20_000L), Optional.empty(), Optional.empty()))));
        assertEquals(SessionState.CHARGING, charging.state());
        assertEquals(Optional.of(20_000L), pile.charged().get(0).targetEnergyWh());
        assertEquals(List.of(START_WH), pile.chargedFromWh());

        pile.deliver(11_000, START_WH + 1_500);
        StatusUpdate rising = awaitStatus(ANNA_PHONE, update -> update.energyWh() == 1_500);
        assertEquals(11_000, rising.powerW());

        assertEquals(List.of(), send(ANNA_PHONE, new StopRequest(bound.session())));
        assertEquals(1, pile.finished().size());
        pile.settled(START_WH + 1_510);

        StatusUpdate finished = awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED);
        assertEquals(1_510, finished.energyWh());
        SessionRecord stored = new JdbcSessions(database).find(bound.session()).orElseThrow();
        assertEquals(Optional.of(START_WH + 1_510), stored.session().endEnergyWh());
        assertEquals(Optional.of("stopped by terminal anna-phone"), stored.endReason());
    }

    @Test
    void pilesWhoseRelaysAreSlowToCloseDoNotHoldUpTheOthers() throws Exception {
        AccountId fleet = new AccountId("someone");
        wallet.topUp(fleet, Money.of(10_000, "EUR"), "fleet-opening-balance");
        // more piles starting at once than the lanes have threads
        int slowPiles = 20;
        List<FakePileController> slow = new ArrayList<>();
        List<CompletableFuture<List<TerminalOutbound>>> slowRequests = new ArrayList<>();
        ExecutorService phones = Executors.newCachedThreadPool();
        try {
            for (int i = 0; i < slowPiles; i++) {
                FakePileController bay = addPile("bay-slow-" + i, START_WH);
                TerminalId phone = new TerminalId("fleet-phone-" + i);
                registry.registerTerminal(phone, fleet);
                bay.holdRelay();
                bay.plug(Optional.empty());
                awaitTrue(() -> bay.state() == PileState.PROMPTED);
                AssociationPrompt prompt = (AssociationPrompt) send(phone, new PromptRequest(bay.id())).get(1);
                single(send(phone, associate(prompt, phone)));
                slow.add(bay);
                slowRequests.add(CompletableFuture.supplyAsync(() -> send(phone,
                        new ChargingRequest(bay.id(), ChargingTargets.none())), phones));
            }
            awaitTrue(() -> slow.stream().allMatch(bay -> bay.charged().size() == 1));

            pile.plug(Optional.of(ANNAS_EV));
            single(send(ANNA_PHONE, associate(awaitPrompt(ANNA_PHONE), ANNA_PHONE)));
            StatusUpdate charging = (StatusUpdate) single(send(ANNA_PHONE, new ChargingRequest(pile.id(),
                    ChargingTargets.none())));
            assertEquals(SessionState.CHARGING, charging.state());
            assertTrue(slowRequests.stream().noneMatch(CompletableFuture::isDone), "the slow relays are still closing");

            slow.forEach(FakePileController::closeRelay);
            for (CompletableFuture<List<TerminalOutbound>> request : slowRequests) {
                StatusUpdate started = (StatusUpdate) single(request.get(10, TimeUnit.SECONDS));
                assertEquals(SessionState.CHARGING, started.state());
            }
        } finally {
            phones.shutdownNow();
        }
    }

    @Test
    void aSessionWhoseFeeSoFarCannotBePricedDoesNotHoldUpTheStatusOfTheOthers() {
        wallet.topUp(new AccountId("someone"), Money.of(10_000, "EUR"), "someones-opening-balance");
        FakePileController other = addPile("bay-08", 0);
        boundAndCharging();
        other.plug(Optional.empty());
        awaitTrue(() -> other.state() == PileState.PROMPTED);
        AssociationPrompt prompt = (AssociationPrompt) send(STRANGER, new PromptRequest(other.id())).get(1);
        single(send(STRANGER, associate(prompt, STRANGER)));
        single(send(STRANGER, new ChargingRequest(other.id(), ChargingTargets.none())));

        unpriceable.add(pile.id());
        pile.deliver(11_000, START_WH + 100);

        // every tick commits the status of all charging sessions at once: one that fails must not fail the others
        for (long wh = 100; wh <= 500; wh += 100) {
            long delivered = wh;
            other.deliver(11_000, delivered);
            awaitStatus(STRANGER, update -> update.energyWh() == delivered);
        }
    }

    @Test
    @Tag(OUTAGE)
    void aDatabaseOutOfReachStopsNoChargingHoldsTheStatusAndCatchesUp() throws Exception {
        SessionId session = boundAndCharging();
        pile.deliver(11_000, START_WH + 100);
        long before = awaitStatus(ANNA_PHONE, update -> update.energyWh() == 100).seq();

        outage(true);
        try {
            pile.deliver(11_000, START_WH + 200);
            // ticks of the outage, whose points are held
            Thread.sleep(5 * 200);
            CompletionException refused = assertThrows(CompletionException.class, () -> server.handle(ANNA_PHONE,
                    new StopRequest(session)).toCompletableFuture().join());
            assertTrue(StoreOutage.isOutage(refused), () -> causes(refused));
            assertEquals(List.of(), pile.finished(), "the contactor stays closed, the vehicle charges on");
        } finally {
            outage(false);
        }
        pile.deliver(11_000, START_WH + 300);
        long after = awaitStatus(ANNA_PHONE, update -> update.energyWh() == 300).seq();

        List<StatusUpdate> caughtUp = pushed.get(ANNA_PHONE).stream().filter(StatusUpdate.class::isInstance)
                .map(StatusUpdate.class::cast).filter(update -> update.seq() > before && update.seq() <= after)
                .toList();
        assertEquals(LongStream.rangeClosed(before + 1, after).boxed().toList(),
                caughtUp.stream().map(StatusUpdate::seq).toList(), "numbered on, none lost, none twice");
        assertTrue(caughtUp.stream().anyMatch(update -> update.energyWh() == 200), "the outage's status came after");
        assertEquals(List.of(), send(ANNA_PHONE, new StopRequest(session)));
        pile.settled(START_WH + 300);
        assertEquals(300, awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED).energyWh());
    }

    @Test
    void onlyTheBoundTerminalMayStop() {
        SessionId session = boundAndCharging();

        ErrorReply refused = error(send(STRANGER, new StopRequest(session)));

        assertEquals(ErrorCode.NOT_BOUND, refused.code());
        assertEquals(List.of(), pile.finished());
    }

    @Test
    void aReplayedTokenIsRefused() {
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);
        send(ANNA_PHONE, associate(prompt, ANNA_PHONE));

        assertEquals(ErrorCode.PILE_BUSY, error(send(STRANGER, associate(prompt, STRANGER))).code());
        pile.unplug();
        awaitTrue(() -> pile.state() == PileState.AVAILABLE);
        pile.plug(Optional.of(ANNAS_EV));
        awaitTrue(() -> pushed.get(ANNA_PHONE).size() >= 5);

        assertEquals(ErrorCode.TOKEN_REPLAYED, error(send(ANNA_PHONE, associate(prompt, ANNA_PHONE))).code());
    }

    @Test
    void aForgedTokenIsRefused() {
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);
        String token = prompt.associationToken();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        ErrorReply refused = error(send(ANNA_PHONE, new AssociationRequest(pile.id(), forged, ANNA_PHONE)));

        assertEquals(ErrorCode.TOKEN_FORGED, refused.code());
    }

    @Test
    void anExpiredTokenIsRefused() {
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);
        clock.advance(Duration.ofMinutes(6));

        assertEquals(ErrorCode.TOKEN_EXPIRED, error(send(ANNA_PHONE, associate(prompt, ANNA_PHONE))).code());
    }

    /**
     * On the gateway's steady clock, the wall clock an hour on before the driver answers, then two hours back while
     * charging: the token has not expired, the elapsed time is the time that passed, and the session ends and is
     * priced.
     */
    @Test
    void stepsOfTheWallClockNeitherExpireATokenNorBreakTheSession() {
        server.deactivate();
        AtomicLong nanos = new AtomicLong();
        server = startServer(SteadyClock.startingAt(clock, nanos::get));
        pile = addPile("bay-07", START_WH);
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);

        clock.advance(Duration.ofHours(1));
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        StatusUpdate bound = (StatusUpdate) single(send(ANNA_PHONE, associate(prompt, ANNA_PHONE)));
        send(ANNA_PHONE, new ChargingRequest(pile.id(), ChargingTargets.none()));
        clock.advance(Duration.ofHours(-2));
        nanos.addAndGet(Duration.ofSeconds(50).toNanos());
        pile.deliver(11_000, START_WH + 1_500);
        StatusUpdate rising = awaitStatus(ANNA_PHONE, update -> update.energyWh() == 1_500);
        assertEquals(Duration.ofSeconds(60), rising.elapsed().truncatedTo(ChronoUnit.SECONDS));

        send(ANNA_PHONE, new StopRequest(bound.session()));
        pile.settled(START_WH + 1_510);

        StatusUpdate finished = awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED);
        assertEquals(1_510, finished.energyWh());
        SessionRecord stored = new JdbcSessions(database).find(bound.session()).orElseThrow();
        assertEquals(Duration.ofSeconds(60), Duration.between(stored.session().startedAt(),
                stored.session().endedAt().orElseThrow()).truncatedTo(ChronoUnit.SECONDS));
        assertEquals(Money.of(151, "EUR"), awaitPushed(ANNA_PHONE, FeeNotice.class).total(),
                "1 cent per 10 Wh of 1,510 Wh");
    }

    @Test
    void aTokenOfAnotherPileIsRefused() {
        FakePileController other = addPile("bay-08", 0);
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);
        other.plug(Optional.empty());
        awaitTrue(() -> other.state() == PileState.PROMPTED);

        ErrorReply refused = error(send(ANNA_PHONE, new AssociationRequest(other.id(), prompt.associationToken(),
                ANNA_PHONE)));

        assertEquals(ErrorCode.TOKEN_OTHER_PILE, refused.code());
    }

    @Test
    void aTerminalCannotClaimInAnotherTerminalsName() {
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);

        assertEquals(ErrorCode.TERMINAL_MISMATCH, error(send(STRANGER, associate(prompt, ANNA_PHONE))).code());
    }

    @Test
    void anUnknownVehicleIsOfferedToWhoeverScansThePile() {
        pile.plug(Optional.of(new VehicleId("UNREGISTERED")));
        awaitTrue(() -> pile.state() == PileState.PROMPTED);
        assertTrue(pushed.isEmpty(), "nobody to prompt");

        List<TerminalOutbound> prompts = send(STRANGER, new PromptRequest(pile.id()));

        assertInstanceOf(ChargingPrompt.class, prompts.get(0));
        AssociationPrompt association = (AssociationPrompt) prompts.get(1);
        StatusUpdate bound = (StatusUpdate) single(send(STRANGER, associate(association, STRANGER)));
        assertEquals(SessionState.PENDING, bound.state());
    }

    @Test
    void aRegisteredVehicleIsNotOfferedToOtherAccounts() {
        pile.plug(Optional.of(ANNAS_EV));
        awaitPrompt(ANNA_PHONE);

        assertEquals(ErrorCode.NOT_YOUR_VEHICLE, error(send(STRANGER, new PromptRequest(pile.id()))).code());
    }

    @Test
    void chargingNeedsTheBindingFirst() {
        pile.plug(Optional.of(ANNAS_EV));
        awaitPrompt(ANNA_PHONE);

        ErrorReply refused = error(send(ANNA_PHONE, new ChargingRequest(pile.id(), ChargingTargets.none())));

        assertEquals(ErrorCode.NOT_ASSOCIATED, refused.code());
        assertEquals(List.of(), pile.charged());
    }

    @Test
    void aPileThatDoesNotStartLeavesTheSessionWaitingForAnotherTry() {
        pile.plug(Optional.of(ANNAS_EV));
        send(ANNA_PHONE, associate(awaitPrompt(ANNA_PHONE), ANNA_PHONE));
        pile.refuseToCharge();

        ErrorReply refused = error(send(ANNA_PHONE, new ChargingRequest(pile.id(), ChargingTargets.none())));

        assertEquals(ErrorCode.PILE_NOT_CHARGING, refused.code());
    }

    @Test
    void unplugMidSessionFinishesIt() {
        SessionId session = boundAndCharging();
        pile.deliver(7_000, START_WH + 300);

        pile.unplug();

        StatusUpdate finished = awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED);
        assertEquals(session, finished.session());
        assertEquals(300, finished.energyWh());
        assertEquals(Optional.of("the vehicle was unplugged"),
                new JdbcSessions(database).find(session).orElseThrow().endReason());
    }

    @Test
    void aReconnectingTerminalGetsWhatItMissed() {
        SessionId session = boundAndCharging();
        pile.deliver(7_000, START_WH + 100);
        pile.deliver(7_000, START_WH + 200);
        awaitStatus(ANNA_PHONE, update -> update.energyWh() == 200);

        List<StatusUpdate> missed = send(ANNA_PHONE, new ResumeRequest(session, 1)).stream()
                .map(StatusUpdate.class::cast).toList();

        assertEquals(2, missed.get(0).seq(), "replay starts after the last one seen");
        for (int i = 1; i < missed.size(); i++) {
            assertEquals(missed.get(i - 1).seq() + 1, missed.get(i).seq(), "none left out");
            assertTrue(missed.get(i).energyWh() >= missed.get(i - 1).energyWh());
        }
        assertEquals(200, missed.get(missed.size() - 1).energyWh());
        assertEquals(ErrorCode.NOT_BOUND, error(send(STRANGER, new ResumeRequest(session, 0))).code());
    }

    @Test
    void afterARestartTheSessionResumesBoundAndCountsFromTheRegister() {
        SessionId session = chargedFor400WhWhenTheGatewayStops();

        FakePileController restartedPile = pluggedIn(START_WH + 900);
        restartWith(restartedPile);

        awaitTrue(() -> restartedPile.charged().size() == 1);
        assertEquals(session, restartedPile.charged().get(0).sessionId());
        assertEquals(List.of(START_WH), restartedPile.chargedFromWh(), "energy counts from the original register");
        StatusUpdate latest = (StatusUpdate) connected(ANNA_PHONE).get(0);
        assertEquals(session, latest.session());
        assertTrue(latest.seq() >= 3, "sequence numbers go on: " + latest.seq());
        List<TerminalOutbound> stopped = send(ANNA_PHONE, new StopRequest(session));
        assertEquals(List.of(), stopped, "the binding survived the restart");
    }

    @Test
    void aStopThatComesWhileTheGatewayRestartsEndsTheSessionOnceItResumes() {
        SessionId session = chargedFor400WhWhenTheGatewayStops();

        FakePileController restartedPile = pluggedIn(START_WH + 900);
        restartedPile.devicesSeen(false);
        restartWith(restartedPile);
        awaitTrue(restartedPile::followed);
        assertEquals(List.of(), send(ANNA_PHONE, new StopRequest(session)), "accepted while the pile comes back");
        restartedPile.devicesSeen(true);
        restartedPile.plug(Optional.of(ANNAS_EV));
        awaitTrue(() -> !restartedPile.finished().isEmpty());
        restartedPile.settled(START_WH + 900);

        // whether the pile resumed first or not, the stop ends the session with all the energy drawn
        awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED && update.energyWh() == 900);
    }

    @Test
    void aVehicleLeftPluggedInAfterItsSessionIsNotPromptedAgainAfterARestart() {
        SessionId session = boundAndCharging();
        pile.deliver(7_000, START_WH + 400);
        send(ANNA_PHONE, new StopRequest(session));
        pile.settled(START_WH + 400);
        awaitPushed(ANNA_PHONE, FeeNotice.class);
        server.deactivate();
        pushed.clear();

        FakePileController restartedPile = pluggedIn(START_WH + 400);
        restartWith(restartedPile);
        awaitTrue(restartedPile::followed);
        restartedPile.unplug();
        restartedPile.plug(Optional.of(ANNAS_EV));

        awaitPrompt(ANNA_PHONE);
        assertEquals(1, pushed.get(ANNA_PHONE).stream().filter(AssociationPrompt.class::isInstance).count(),
                "prompted once the vehicle came back, not for the one still there at the restart");
    }

    @Test
    void aStatusThePilePublishedBeforeItHeardItsRelayDoesNotEndTheResumedSession() {
        SessionId session = chargedFor400WhWhenTheGatewayStops();

        FakePileController restartedPile = new FakePileController("bay-07", START_WH + 900);
        restartedPile.devicesSeen(false);
        restartWith(restartedPile);
        awaitTrue(restartedPile::followed);
        // the meter heard before the relay: no vehicle seen yet; that status is handled after the relay was heard
        PileStatus guessed = new PileStatus(restartedPile.id(), PileState.AVAILABLE, PlugState.A, false, 7_000,
                START_WH + 900, 0, Optional.empty(), Optional.empty(), Instant.now().minusSeconds(1));
        restartedPile.devicesSeen(true);
        restartedPile.plug(Optional.of(ANNAS_EV));
        restartedPile.publishLate(guessed);
        awaitTrue(() -> restartedPile.charged().size() == 1);
        restartedPile.charging(session, 7_000, START_WH + 1_000);

        awaitStatus(ANNA_PHONE, update -> update.session().equals(session)
                && update.state() == SessionState.CHARGING && update.energyWh() == 1_000);
        assertEquals(List.of(), restartedPile.finished(), "nothing ended it");
    }

    @Test
    void aSessionThatCannotResumeEndsSayingWhyAndItsVehicleIsNotPromptedAgain() {
        SessionId session = chargedFor400WhWhenTheGatewayStops();
        pushed.clear();

        FakePileController restartedPile = pluggedIn(START_WH + 900);
        restartedPile.refuseToCharge();
        restartWith(restartedPile);

        awaitStatus(ANNA_PHONE, update -> update.session().equals(session)
                && update.state() == SessionState.FINISHED && update.energyWh() == 900);
        assertEquals(Optional.of("not resumed: the relay did not close"),
                new JdbcSessions(database).find(session).orElseThrow().endReason());
        assertEquals(PileState.FINISHING, restartedPile.state(), "the pile waits for the vehicle to leave");
        restartedPile.deliver(0, START_WH + 900);
        restartedPile.unplug();
        restartedPile.plug(Optional.of(ANNAS_EV));
        awaitPrompt(ANNA_PHONE);
        assertEquals(1, pushed.get(ANNA_PHONE).stream().filter(AssociationPrompt.class::isInstance).count(),
                "prompted once the vehicle came back, not while the one whose session ended was still there");
    }

    /** Pile bay-07 as it shows after a restart of the gateway: Anna's vehicle plugged in, at {@code registerWh}. */
    private static FakePileController pluggedIn(long registerWh) {
        FakePileController restarted = new FakePileController("bay-07", registerWh);
        restarted.plug(Optional.of(ANNAS_EV));
        return restarted;
    }

    /** A new session service over the same database, following {@code restartedPile}. */
    private void restartWith(FakePileController restartedPile) {
        server = startServer();
        server.addPile(restartedPile);
    }

    @Test
    void aFinishedSessionIsBilledAndPaidOnceFromTheWallet() {
        SessionId session = boundAndCharging();
        pile.deliver(11_000, START_WH + 2_345);
        send(ANNA_PHONE, new StopRequest(session));
        pile.settled(START_WH + 2_350);

        FeeNotice fee = awaitPushed(ANNA_PHONE, FeeNotice.class);
        assertEquals(Money.of(235, "EUR"), fee.total());
        assertEquals(ErrorCode.STALE_FEE,
                error(send(ANNA_PHONE, new PaymentConfirmation(session, "fee-of-yesterday"))).code());
        assertEquals(ErrorCode.NOT_BOUND, error(send(STRANGER, new PaymentConfirmation(session, fee.feeId()))).code());

        StatusUpdate paid = (StatusUpdate) single(send(ANNA_PHONE, new PaymentConfirmation(session, fee.feeId())));
        StatusUpdate again = (StatusUpdate) single(send(ANNA_PHONE, new PaymentConfirmation(session, fee.feeId())));

        assertEquals(SessionState.PAID, paid.state());
        assertEquals(paid.seq(), again.seq(), "a repeated confirmation changes nothing");
        assertEquals(Money.of(10_000 - 235, "EUR"), wallet.balance(ANNA, EUR));
    }

    @Test
    void aFeeTheWalletCannotCoverLeavesTheSessionUnpaidAndTheNoticeWaiting() throws Exception {
        wallet.refund(ANNA, Money.of(9_900, "EUR"), "most-of-it-back");
        SessionId session = boundAndCharging();
        assertEquals(Optional.of(Money.of(100, "EUR")), pile.charged().get(0).budget(), "the budget is the balance");
        // between two looks at the budget the vehicle drew more than the balance covers
        pile.deliver(11_000, START_WH + 1_500);
        send(ANNA_PHONE, new StopRequest(session));
        pile.settled(START_WH + 1_500);
        FeeNotice fee = awaitPushed(ANNA_PHONE, FeeNotice.class);

        assertEquals(ErrorCode.INSUFFICIENT_BALANCE,
                error(send(ANNA_PHONE, new PaymentConfirmation(session, fee.feeId()))).code());

        assertEquals(SessionState.FINISHED, new JdbcSessions(database).find(session).orElseThrow().state());
        assertTrue(connected(ANNA_PHONE).contains(fee), "the notice is sent again on reconnect");
        wallet.topUp(ANNA, Money.of(1_000, "EUR"), "receipt-2");
        assertEquals(SessionState.PAID, ((StatusUpdate) single(send(ANNA_PHONE,
                new PaymentConfirmation(session, fee.feeId())))).state());
        assertEquals(Money.of(1_100 - 150, "EUR"), wallet.balance(ANNA, EUR));
    }

    @Test
    void chargingStopsWhenTheFeeSoFarReachesTheBudget() {
        pile.plug(Optional.of(ANNAS_EV));
        send(ANNA_PHONE, associate(awaitPrompt(ANNA_PHONE), ANNA_PHONE));
        send(ANNA_PHONE, new ChargingRequest(pile.id(), new ChargingTargets(Optional.empty(),
                Optional.of(Money.of(50, "EUR")), Optional.empty())));

        pile.deliver(11_000, START_WH + 499);
        awaitStatus(ANNA_PHONE, update -> update.estimatedCost().equals(Optional.of(Money.of(49, "EUR"))));
        assertEquals(List.of(), pile.finished());
        pile.deliver(11_000, START_WH + 500);

        awaitTrue(() -> pile.finished().size() == 1);
        assertEquals("the budget of EUR 0.50 is reached", pile.finished().get(0));
    }

    @Test
    void theOperatorListsSessionsNewestFirstAndFiltered() {
        FakePileController other = addPile("bay-08", 0);
        pile.plug(Optional.of(ANNAS_EV));
        awaitPrompt(ANNA_PHONE);
        clock.advance(Duration.ofMinutes(1));
        other.plug(Optional.empty());
        awaitTrue(() -> other.state() == PileState.PROMPTED);

        List<SessionOverview> all = server.list(SessionQuery.newest(10));

        assertEquals(List.of(other.id(), pile.id()), all.stream().map(o -> o.session().pile()).toList());
        assertEquals(Optional.of(ANNA), all.get(1).account());
        assertEquals(List.of(pile.id()), piles(server.list(new SessionQuery(Set.of(), Optional.of(ANNA),
                Optional.empty(), 10))));
        assertEquals(List.of(other.id()), piles(server.list(new SessionQuery(Set.of(SessionState.PENDING),
                Optional.empty(), Optional.of(other.id()), 10))));
        assertEquals(List.of(), server.list(new SessionQuery(Set.of(SessionState.CHARGING, SessionState.PAID),
                Optional.empty(), Optional.empty(), 10)));
        assertEquals(List.of(other.id()), piles(server.list(SessionQuery.newest(1))));
    }

    /**
     * A stopped session ends with the register the pile read after its relay showed the contactor open: not while the
     * relay still shows it closed, however long that takes, nor on an earlier reading without power.
     */
    @Test
    void aStoppedSessionEndsOnlyWithTheRegisterReadAfterTheContactorOpened() throws Exception {
        SessionId session = stoppedByTheTerminalAt1500Wh();

        pile.contactor(true);
        pile.deliver(0, START_WH + 1_505);
        clock.advance(SessionEnding.SETTLE_LIMIT.plusSeconds(1));
        Thread.sleep(600); // three status ticks
        assertEquals(SessionState.CHARGING, new JdbcSessions(database).find(session).orElseThrow().state(),
                "ended with the contactor closed");
        pile.contactor(false);
        Thread.sleep(600);
        assertEquals(SessionState.CHARGING, new JdbcSessions(database).find(session).orElseThrow().state(),
                "ended before the pile read its register after the open");

        pile.settled(START_WH + 1_510);
        assertEquals(1_510, awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED).energyWh());
    }

    /**
     * A pile that faults while its session finishes, its contactor last seen closed, holds the session: it ends with
     * the register read after the relay showed the contactor open again, however long the fault lasts.
     */
    @Test
    void aSessionHeldThroughAFaultEndsOnlyWithTheRegisterReadAfterTheContactorOpened() throws Exception {
        SessionId session = stoppedByTheTerminalAt1500Wh();
        pile.contactor(true);

        pile.faultHolding("relay bay-07.relay not answering since 08:00:05Z");
        clock.advance(Duration.ofHours(1));
        Thread.sleep(600); // three status ticks
        assertEquals(SessionState.CHARGING, new JdbcSessions(database).find(session).orElseThrow().state(),
                "ended on a guess while the pile held it");

        pile.settled(START_WH + 1_512);
        assertEquals(1_512, awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED).energyWh());
        assertEquals(Money.of(151, "EUR"), awaitPushed(ANNA_PHONE, FeeNotice.class).total());
        assertEquals(Optional.of("stopped by terminal anna-phone"),
                new JdbcSessions(database).find(session).orElseThrow().endReason());
    }

    @Test
    void aFaultWhileChargingEndsTheSessionOnceThePileLetsGoAndSaysWhy() throws Exception {
        SessionId session = boundAndCharging();
        pile.deliver(11_000, START_WH + 700);
        awaitStatus(ANNA_PHONE, update -> update.energyWh() == 700);

        pile.faultHolding("control pilot reports state E");
        Thread.sleep(600);
        assertEquals(SessionState.CHARGING, new JdbcSessions(database).find(session).orElseThrow().state());
        pile.settled(START_WH + 703);

        assertEquals(703, awaitStatus(ANNA_PHONE, update -> update.state() == SessionState.FINISHED).energyWh());
        assertEquals(Optional.of("the pile faulted: control pilot reports state E"),
                new JdbcSessions(database).find(session).orElseThrow().endReason());
    }

    @Test
    void theOperatorsStopEndsTheSessionLikeTheBoundTerminalsStop() {
        SessionId session = boundAndCharging();
        pile.deliver(11_000, START_WH + 1_500);
        awaitStatus(ANNA_PHONE, update -> update.energyWh() == 1_500);
        SessionOverview running = server.find(session).orElseThrow();
        assertEquals(Optional.of(ANNA_PHONE), running.boundTerminal());
        assertEquals(1_500, running.deliveredWh());

        CompletableFuture<SessionOverview> stopping = server.stop(session, " maintenance ").toCompletableFuture();
        awaitTrue(() -> pile.finished().size() == 1);
        assertFalse(stopping.isDone(), "the session ends once the meter has settled");
        pile.settled(START_WH + 1_510);
        SessionOverview stopped = stopping.join();

        assertEquals(SessionState.FINISHED, stopped.session().state());
        assertEquals(1_510, stopped.deliveredWh());
        assertEquals(Optional.of(Money.of(151, "EUR")), stopped.fee());
        assertEquals(Money.of(151, "EUR"), awaitPushed(ANNA_PHONE, FeeNotice.class).total(),
                "the fee goes to the bound terminal");
        assertEquals(Optional.of("stopped by the operator: maintenance"),
                new JdbcSessions(database).find(session).orElseThrow().endReason());
        CompletionException again = assertThrows(CompletionException.class,
                () -> server.stop(session, "twice").toCompletableFuture().join());
        assertInstanceOf(IllegalStateException.class, again.getCause());
    }

    @Test
    void theOperatorsStopOfASessionThatNeverChargedEndsItAtOnce() {
        pile.plug(Optional.of(ANNAS_EV));
        awaitPrompt(ANNA_PHONE);
        SessionId session = server.list(SessionQuery.newest(1)).get(0).session().id();

        SessionOverview stopped = server.stop(session, "").toCompletableFuture().join();

        assertEquals(SessionState.FINISHED, stopped.session().state());
        assertEquals(0, stopped.deliveredWh());
        assertEquals(List.of("stopped by the operator"), pile.finished());
        CompletionException unknown = assertThrows(CompletionException.class,
                () -> server.stop(new SessionId("no-such-session"), "").toCompletableFuture().join());
        assertInstanceOf(IllegalArgumentException.class, unknown.getCause());
    }

    @Test
    void pastItsCapacityTheGatewayStartsNoNewChargingAndSaysSoAtOnce() throws Exception {
        server.modified(config(200, 300, 10));
        pile.plug(Optional.of(ANNAS_EV));
        single(send(ANNA_PHONE, associate(awaitPrompt(ANNA_PHONE), ANNA_PHONE)));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        for (int i = 0; i < 16; i++) {
            threads.workers().execute(() -> awaitQuietly(release));
        }
        threads.workers().execute(queued::countDown);
        awaitTrue(() -> threads.backlog().toMillis() > 10);

        ErrorReply busy = error(answered(server.handle(ANNA_PHONE, new ChargingRequest(pile.id(),
                ChargingTargets.none()))));
        release.countDown();
        assertTrue(queued.await(5, TimeUnit.SECONDS));

        assertEquals(ErrorCode.GATEWAY_BUSY, busy.code());
        assertTrue(busy.message().startsWith("the gateway is at capacity"), busy.message());
        assertEquals(List.of(), pile.charged(), "nothing was started");
        awaitTrue(() -> threads.backlog().isZero());
        StatusUpdate charging = (StatusUpdate) single(send(ANNA_PHONE, new ChargingRequest(pile.id(),
                ChargingTargets.none())));
        assertEquals(SessionState.CHARGING, charging.state(), "asked again once the workers caught up");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWrongConfigurationIsRefusedAndTheLastGoodOneKept() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> server.modified(config(100, 300)));
        assertEquals("configuration org.pilegate.session: statusIntervalMs: must be at least 200 ms, not 100",
                refused.getMessage());

        server.modified(config(200, 60));
        pile.plug(Optional.of(ANNAS_EV));
        AssociationPrompt prompt = awaitPrompt(ANNA_PHONE);

        assertEquals(clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(60), prompt.expiresAt(),
                "the new prompt lifetime applies");
    }

    @Test
    void aWaitingSessionFailsWhenItsPileIsTakenOutOfService() {
        pile.plug(Optional.of(ANNAS_EV));
        awaitPrompt(ANNA_PHONE);
        SessionId session = server.list(SessionQuery.newest(1)).get(0).session().id();

        pile.takeOutOfService();

        awaitTrue(() -> server.find(session).orElseThrow().session().state() == SessionState.FAILED);
        assertEquals(Optional.of("the pile was taken out of service before charging started"),
                new JdbcSessions(database).find(session).orElseThrow().endReason());
    }

    private static List<PileId> piles(List<SessionOverview> overviews) {
        return overviews.stream().map(overview -> overview.session().pile()).toList();
    }

    private <T extends TerminalOutbound> T awaitPushed(TerminalId terminal, Class<T> type) {
        awaitTrue(() -> pushed.getOrDefault(terminal, List.of()).stream().anyMatch(type::isInstance));
        return pushed.get(terminal).stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private SessionId chargedFor400WhWhenTheGatewayStops() {
        SessionId session = boundAndCharging();
        pile.deliver(7_000, START_WH + 400);
        awaitStatus(ANNA_PHONE, update -> update.energyWh() == 400);
        server.deactivate();
        return session;
    }

    /** A session that charged 1,500 Wh, stopped by its terminal: the pile was told to finish. */
    private SessionId stoppedByTheTerminalAt1500Wh() {
        SessionId session = boundAndCharging();
        pile.deliver(11_000, START_WH + 1_500);
        awaitStatus(ANNA_PHONE, update -> update.energyWh() == 1_500);
        send(ANNA_PHONE, new StopRequest(session));
        awaitTrue(() -> pile.finished().size() == 1);
        return session;
    }

    private SessionId boundAndCharging() {
        pile.plug(Optional.of(ANNAS_EV));
        StatusUpdate bound = (StatusUpdate) single(send(ANNA_PHONE, associate(awaitPrompt(ANNA_PHONE), ANNA_PHONE)));
        send(ANNA_PHONE, new ChargingRequest(pile.id(), ChargingTargets.none()));
        return bound.session();
    }

    private ChargingSessions startServer() {
        return startServer(clock);
    }

    private ChargingSessions startServer(Clock sessionClock) {
        ChargingSessions started = new ChargingSessions(database, registry, threads, config(200, 300), sessionClock);
        started.bindOutbox(outbox);
        started.bindPricing(tariff);
        started.bindWallet(wallet);
        return started;
    }

    private static SessionConfig config(int statusIntervalMs, int promptLifetimeS) {
        return config(statusIntervalMs, promptLifetimeS, 250);
    }

    private static SessionConfig config(int statusIntervalMs, int promptLifetimeS, int admissionBacklogMs) {
        return new TestSessionConfig(statusIntervalMs, promptLifetimeS, admissionBacklogMs, 64);
    }

    /** A request as routing sends it: the answer is a stage, waited for here as a terminal waits for its reply. */
    private List<TerminalOutbound> send(TerminalId terminal, TerminalInbound request) {
        return answered(server.handle(terminal, request));
    }

    private List<TerminalOutbound> connected(TerminalId terminal) {
        return answered(server.connected(terminal));
    }

    private static List<TerminalOutbound> answered(CompletionStage<List<TerminalOutbound>> replies) {
        try {
            return replies.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    private FakePileController addPile(String id, long registerWh) {
        FakePileController added = new FakePileController(id, registerWh);
        server.addPile(added);
        return added;
    }

    private static AssociationRequest associate(AssociationPrompt prompt, TerminalId terminal) {
        return new AssociationRequest(prompt.pile(), prompt.associationToken(), terminal);
    }

    private AssociationPrompt awaitPrompt(TerminalId terminal) {
        awaitTrue(() -> pushed.getOrDefault(terminal, List.of()).stream()
                .anyMatch(AssociationPrompt.class::isInstance));
        List<TerminalOutbound> messages = pushed.get(terminal);
        return messages.stream().filter(AssociationPrompt.class::isInstance).map(AssociationPrompt.class::cast)
                .reduce((first, second) -> second).orElseThrow();
    }

    private StatusUpdate awaitStatus(TerminalId terminal, Predicate<StatusUpdate> wanted) {
        awaitTrue(() -> pushed.getOrDefault(terminal, List.of()).stream()
                .anyMatch(m -> m instanceof StatusUpdate update && wanted.test(update)));
        return pushed.get(terminal).stream().filter(StatusUpdate.class::isInstance).map(StatusUpdate.class::cast)
                .filter(wanted).findFirst().orElseThrow();
    }

    private static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.append(cause instanceof java.sql.SQLException sql ? sql.getSQLState() + " " : "").append(cause)
                    .append("; ");
        }
        return chain.toString();
    }

    private static TerminalOutbound single(List<TerminalOutbound> replies) {
        assertEquals(1, replies.size(), () -> "one reply expected: " + replies);
        return replies.get(0);
    }

    private static ErrorReply error(List<TerminalOutbound> replies) {
        return assertInstanceOf(ErrorReply.class, single(replies));
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
