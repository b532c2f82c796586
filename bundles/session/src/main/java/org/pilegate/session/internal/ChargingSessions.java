package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.money.Money;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingPrompt;
import org.pilegate.api.terminal.ChargingRequest;
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
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.pile.ChargingServer;
import org.pilegate.pile.PileController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the charging dialogue. On plug-in it opens a session and prompts the terminals of the vehicle's
 * account (or whoever scans the pile's code, for vehicles it does not know); an association request carrying the
 * prompt's token binds the terminal to the session; the bound terminal's charging request is decided against the
 * pile's capability and sent to the pile; status goes to the bound terminal on every change and every status interval,
 * numbered, recorded and replayable; the bound terminal alone may stop the session, besides the operator.
 * <p>
 * Everything about one pile runs on that pile's lane, one task after the other on a shared pool, in the order it happened. Every change is stored
 * before it is announced, so that after a restart open sessions resume where they were: binding intact, energy counted
 * on from the meter's absolute register.
 */
@Component(service = {ChargingServer.class, SessionDirectory.class}, configurationPid = ChargingSessions.PID)
@Designate(ocd = SessionConfig.class)
public class ChargingSessions implements ChargingServer, SessionDirectory {

    static final String PID = "org.pilegate.session";

    private static final Logger LOG = LoggerFactory.getLogger(ChargingSessions.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Threads the piles' lanes share. A lane waits for the database, so there are more than cores; while a pile's
     * relay closes its contactor the lane holds no thread (see {@link PileWork}).
     */
    private static final int LANE_THREADS = 16;
    /** A meter that still reports power this long after delivery ended is not waited for any more. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);
    private static final int MAX_REPLAY = 1_000;
    private static final String TOKEN_KEY = "association-token-key";
    /** How often finished sessions are looked at for a fee not yet issued or a payment not yet recorded. */
    private static final Duration SETTLE_EVERY = Duration.ofSeconds(30);
    private static final int SETTLE_BATCH = 100;

    /** What the server side knows of one pile; touched only on the pile's lane. */
    private static final class PileLane {
        final PileWork lane;
        PileController pile;
        AutoCloseable subscription;
        /** Volatile so that a terminal connecting can skip the piles with nothing for it without waiting on them. */
        volatile Optional<SessionRecord> open = Optional.empty();
        long lastSeq;
        String token;
        Instant tokenExpiresAt;
        /** The recorded status of the open session, for its fee so far. */
        List<StatusPoint> points = new ArrayList<>();
        Optional<String> stopReason = Optional.empty();
        Optional<Instant> endingSince = Optional.empty();
        /**
         * The pile's last session, ended before the pile's controller (re)appeared: the vehicle plugged in then may
         * still be there, and is not prompted again until it leaves.
         */
        Optional<SessionRecord> endedBeforeAttach = Optional.empty();
        /** Operator stops waiting for the open session to end. */
        List<CompletableFuture<SessionOverview>> stopsWaiting = new ArrayList<>();

        PileLane(PileWork lane) {
            this.lane = lane;
        }
    }

    private final JdbcSessions sessions;
    private final JdbcFees fees;
    private final VehicleRegistry registry;
    private final AssociationTokens tokens;
    private final ChargingPolicy policy = new ChargingPolicy();
    private final Clock clock;
    private volatile Duration statusInterval;
    private volatile Duration promptLifetime;
    private volatile ScheduledFuture<?> ticking;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final Map<PileId, PileLane> lanes = new ConcurrentHashMap<>();

    private volatile TerminalOutbox outbox;
    private volatile Pricing pricing;
    private volatile Wallet wallet;
    private final Settlement settlement;

    @Activate
    public ChargingSessions(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference VehicleRegistry registry, SessionConfig config) {
        this(dataSource, registry, config, Clock.systemUTC());
    }

    ChargingSessions(DataSource dataSource, VehicleRegistry registry, SessionConfig config, Clock clock) {
        checked(config);
        this.sessions = new JdbcSessions(dataSource);
        this.fees = new JdbcFees(dataSource);
        this.settlement = new Settlement(sessions, fees, registry,
                () -> Optional.ofNullable(pricing), () -> Optional.ofNullable(wallet), Clock.tick(clock, Duration.ofMillis(1)));
        this.registry = registry;
        // tokens sign and the store keeps times to the millisecond: a finer clock would not match itself
        this.clock = Clock.tick(clock, Duration.ofMillis(1));
        this.statusInterval = Duration.ofMillis(config.statusIntervalMs());
        this.promptLifetime = Duration.ofSeconds(config.promptLifetimeS());
        JdbcRedeemedTokens redeemed = new JdbcRedeemedTokens(dataSource);
        this.tokens = new AssociationTokens(new JdbcGatewaySecrets(dataSource).secret(TOKEN_KEY,
                AssociationTokens.MIN_KEY_BYTES), this.clock, redeemed);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(LANE_THREADS,
                task -> daemon(task, "pilegate-session-" + threads.incrementAndGet()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "pilegate-session-ticker"));
        for (SessionRecord open : sessions.open()) {
            PileLane lane = laneOf(open.session().pile());
            lane.open = Optional.of(open);
            lane.points = new ArrayList<>(sessions.statusAfter(open.id(), 0, Integer.MAX_VALUE));
            lane.lastSeq = lane.points.isEmpty() ? 0 : lane.points.get(lane.points.size() - 1).seq();
        }
        LOG.info("Sessions: {} open session(s) to resume", lanes.size());
        ticking = ticker.scheduleWithFixedDelay(this::tickAll, statusInterval.toMillis(), statusInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(() -> redeemed.forgetExpired(this.clock.instant()), 1, 60, TimeUnit.MINUTES);
        ticker.scheduleWithFixedDelay(this::settleOutstanding, 0, SETTLE_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * New intervals apply from now on. A configuration with a wrong value is refused as a whole (the framework logs
     * why) and the service keeps its last good one.
     */
    @Modified
    void modified(SessionConfig config) {
        checked(config);
        promptLifetime = Duration.ofSeconds(config.promptLifetimeS());
        Duration interval = Duration.ofMillis(config.statusIntervalMs());
        if (!interval.equals(statusInterval)) {
            statusInterval = interval;
            ticking.cancel(false);
            ticking = ticker.scheduleWithFixedDelay(this::tickAll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("Sessions reconfigured: status every {} ms, prompts valid {} s", interval.toMillis(),
                promptLifetime.toSeconds());
    }

    private static void checked(SessionConfig config) {
        if (config.statusIntervalMs() < 200) {
            throw new IllegalArgumentException("configuration " + PID + ": statusIntervalMs: must be at least 200 ms,"
                    + " not " + config.statusIntervalMs());
        }
        if (config.promptLifetimeS() < 10) {
            throw new IllegalArgumentException("configuration " + PID + ": promptLifetimeS: must be at least 10 s, not "
                    + config.promptLifetimeS());
        }
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
        lanes.values().forEach(ChargingSessions::unsubscribe);
        workers.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutbox(TerminalOutbox bound) {
        outbox = bound;
    }

    void unbindOutbox(TerminalOutbox unbound) {
        if (outbox == unbound) {
            outbox = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPricing(Pricing bound) {
        pricing = bound;
    }

    void unbindPricing(Pricing unbound) {
        if (pricing == unbound) {
            pricing = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWallet(Wallet bound) {
        wallet = bound;
    }

    void unbindWallet(Wallet unbound) {
        if (wallet == unbound) {
            wallet = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPile(PileController pile) {
        PileLane lane = laneOf(pile.id());
        lane.lane.execute(() -> {
            unsubscribe(lane);
            lane.pile = pile;
            lane.endedBeforeAttach = lane.open.isPresent() ? Optional.empty()
                    : sessions.latestOn(pile.id()).filter(latest -> latest.state().hasEnded());
            lane.subscription = pile.subscribe(status -> lane.lane.execute(() -> onPileStatus(lane, status)));
            onPileStatus(lane, pile.status());
        });
    }

    void removePile(PileController pile) {
        PileLane lane = lanes.get(pile.id());
        // after deactivation (references are unbound last) every subscription is closed already
        if (lane != null && !workers.isShutdown()) {
            lane.lane.execute(() -> {
                if (lane.pile == pile) {
                    unsubscribe(lane);
                    lane.pile = null;
                }
            });
        }
    }

    @Override
    public List<TerminalOutbound> handle(TerminalId terminal, TerminalInbound request, Optional<PileController> pile) {
        try {
            if (request instanceof ResumeRequest resume) {
                return resume(terminal, resume);
            }
            if (request instanceof PaymentConfirmation payment) {
                SessionRecord session = sessions.find(payment.session()).orElseThrow(() -> unknown(payment.session()));
                if (!session.isBoundTo(terminal)) {
                    throw notBound(payment.session());
                }
                return onLane(session.session().pile(), lane -> pay(terminal, payment));
            }
            if (request instanceof StopRequest stop) {
                SessionRecord session = sessions.find(stop.session()).orElseThrow(() -> unknown(stop.session()));
                if (!session.isBoundTo(terminal)) {
                    throw notBound(stop.session());
                }
                return onLane(session.session().pile(), lane -> stop(lane, terminal, stop.session()));
            }
            PileController at = pile.orElseThrow(() -> new IllegalArgumentException(request.type() + " names no pile"));
            if (request instanceof PromptRequest) {
                return onLane(at.id(), lane -> promptFor(lane, terminal));
            }
            if (request instanceof AssociationRequest association) {
                return onLane(at.id(), lane -> associate(lane, terminal, association));
            }
            ChargingRequest charging = (ChargingRequest) request;
            return onLaneUntil(at.id(), lane -> charge(lane, terminal, charging));
        } catch (DialogueRefusal refusal) {
            return List.of(refusal.reply());
        }
    }

    @Override
    public List<TerminalOutbound> connected(TerminalId terminal) {
        List<TerminalOutbound> waiting = new ArrayList<>();
        for (SessionRecord bound : sessions.openBoundTo(terminal)) {
            sessions.latestStatus(bound.id()).ifPresent(point -> waiting.add(update(bound, point, Optional.empty())));
        }
        for (SessionRecord unpaid : sessions.unpaidBoundTo(terminal)) {
            sessions.latestStatus(unpaid.id()).ifPresent(point -> waiting.add(update(unpaid, point, Optional.empty())));
            settlement.feeOf(unpaid).ifPresent(waiting::add);
        }
        for (PileLane lane : lanes.values()) {
            if (lane.open.filter(ChargingSessions::awaitsTerminal).isEmpty()) {
                continue;
            }
            waiting.addAll(onLane(lane, () -> lane.open
                    .filter(ChargingSessions::awaitsTerminal)
                    .filter(open -> lane.token != null && mayBePrompted(open, terminal))
                    .map(open -> prompts(lane, open))
                    .orElse(List.of())));
        }
        return waiting;
    }

    @Override
    public List<SessionOverview> list(SessionQuery query) {
        return sessions.matching(query).stream().map(this::overview).toList();
    }

    @Override
    public Optional<SessionOverview> find(SessionId id) {
        return sessions.find(id).map(this::overview);
    }

    @Override
    public CompletionStage<SessionOverview> stop(SessionId id, String reason) {
        Optional<SessionRecord> found = sessions.find(id);
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("there is no session " + id));
        }
        if (found.get().state().hasEnded()) {
            return CompletableFuture.failedFuture(ended(found.get()));
        }
        PileLane lane = laneOf(found.get().session().pile());
        String why = reason == null || reason.isBlank() ? "stopped by the operator"
                : "stopped by the operator: " + reason.strip();
        CompletableFuture<SessionOverview> stopped = new CompletableFuture<>();
        lane.lane.execute(() -> {
            Optional<SessionRecord> open = lane.open.filter(session -> session.id().equals(id));
            if (open.isEmpty()) {
                stopped.completeExceptionally(sessions.find(id).map(ChargingSessions::ended)
                        .orElseGet(() -> new IllegalStateException("session " + id + " is not open")));
            } else if (lane.pile == null) {
                stopped.completeExceptionally(new IllegalStateException("pile " + open.get().session().pile()
                        + " is not running; session " + id + " can be stopped once it is back"));
            } else {
                lane.stopsWaiting.add(stopped);
                finishSession(lane, open.get(), why);
            }
        });
        return stopped.orTimeout(REQUEST_TIMEOUT.plus(SETTLE_LIMIT).toMillis(), TimeUnit.MILLISECONDS);
    }

    private SessionOverview overview(SessionRecord record) {
        ChargingSession session = record.session();
        long registerWh = session.endEnergyWh()
                .or(() -> sessions.latestStatus(record.id()).map(StatusPoint::registerWh))
                .orElse(session.startEnergyWh());
        return new SessionOverview(session, record.account(), record.terminal(), session.deliveredWh(registerWh),
                fees.find(record.id()).map(FeeNotice::total));
    }

    private static IllegalStateException ended(SessionRecord session) {
        return new IllegalStateException("session " + session.id() + " has ended already: " + session.state());
    }

    private void onPileStatus(PileLane lane, PileStatus status) {
        if (lane.pile == null || !lane.pile.devicesSeen()) {
            return;
        }
        PileState pileState = status.state();
        if (lane.open.isEmpty()) {
            boolean vehicleWaiting = pileState == PileState.PLUGGED || pileState == PileState.PROMPTED;
            if (vehicleWaiting && status.activeSession().isEmpty() && !stillPluggedAfterItsSession(lane)) {
                open(lane, status);
            } else if (pileState == PileState.AVAILABLE) {
                lane.endedBeforeAttach = Optional.empty();
            }
            return;
        }
        SessionRecord session = lane.open.get();
        // queued snapshots may be behind: act on a plug only as the pile is now
        boolean stillPlugged = lane.pile.status().state() == PileState.PLUGGED;
        if (session.state() == SessionState.PENDING) {
            switch (pileState) {
                case PLUGGED -> {
                    if (stillPlugged) {
                        resumePrompt(lane, session);
                    }
                }
                case AVAILABLE, FAULTED, UNAVAILABLE -> end(lane, SessionState.FAILED, status,
                        pileState == PileState.UNAVAILABLE && status.plugState().vehiclePresent()
                                ? "the pile was taken out of service before charging started"
                                : "the vehicle left before charging started");
                default -> {
                    // prompted and waiting for the terminal
                }
            }
            return;
        }
        switch (pileState) {
            case CHARGING, SUSPENDED -> {
                SessionState now = pileState == PileState.CHARGING ? SessionState.CHARGING : SessionState.SUSPENDED;
                if (now != session.state()) {
                    SessionRecord moved = session.moved(now);
                    store(lane, moved);
                    pushStatus(lane, moved, status);
                }
            }
            case PLUGGED -> {
                if (stillPlugged) {
                    resumeCharging(lane, session);
                }
            }
            case PROMPTED -> {
                // resuming: the contactor is closing again
            }
            case FINISHING, AVAILABLE, FAULTED, UNAVAILABLE -> endWhenSettled(lane, status);
        }
    }

    /**
     * Whether the vehicle plugged in is the one whose session ended before the gateway (or the pile's controller)
     * restarted, and has not left since: a restart must not start a session the driver did not ask for.
     */
    private static boolean stillPluggedAfterItsSession(PileLane lane) {
        return lane.endedBeforeAttach
                .filter(ended -> ended.session().vehicle().equals(lane.pile.vehicle()))
                .isPresent();
    }

    /** Opens a session for the vehicle just plugged in and prompts the terminals that may answer for it. */
    private void open(PileLane lane, PileStatus status) {
        PileController pile = lane.pile;
        var vehicle = pile.vehicle();
        var account = vehicle.flatMap(registry::accountOf);
        SessionRecord session = SessionRecord.opened(pile.id(), vehicle, account, status.energyWh(), clock.instant());
        sessions.insert(session);
        lane.open = Optional.of(session);
        lane.lastSeq = 0;
        lane.points = new ArrayList<>();
        lane.stopReason = Optional.empty();
        lane.endingSince = Optional.empty();
        LOG.info("Pile {}: session {} opened for vehicle {} of account {}", pile.id(), session.id(),
                vehicle.map(Object::toString).orElse("(unidentified)"), account.map(Object::toString).orElse("-"));
        prompt(lane, session);
    }

    private void prompt(PileLane lane, SessionRecord session) {
        lane.token = tokens.issue(session.session().pile(), session.session().vehicle(), session.promptedAt(),
                promptLifetime);
        lane.tokenExpiresAt = session.promptedAt().plus(promptLifetime);
        List<TerminalOutbound> prompts = prompts(lane, session);
        List<TerminalId> addressees = session.account().map(registry::terminalsOf).orElse(List.of());
        for (TerminalId terminal : addressees) {
            prompts.forEach(prompt -> push(terminal, prompt));
        }
        lane.pile.prompted();
        LOG.info("Pile {}: session {} prompted {}", session.session().pile(), session.id(),
                addressees.isEmpty() ? "nobody; waiting for a scan of the pile's code" : addressees);
    }

    /** After a restart, or once its token expired, a session nobody answered is prompted afresh. */
    private void resumePrompt(PileLane lane, SessionRecord session) {
        if (session.terminal().isPresent()) {
            lane.pile.prompted();
            return;
        }
        SessionRecord renewed = session.reprompted(clock.instant());
        store(lane, renewed);
        prompt(lane, renewed);
    }

    /** After a restart the pile is plugged but idle: the session's charging info goes to it again. */
    private void resumeCharging(PileLane lane, SessionRecord session) {
        ChargingInfo info = session.session().info().orElseThrow();
        lane.pile.prompted();
        lane.pile.charge(info, session.session().startEnergyWh()).whenComplete((status, failure) ->
                lane.lane.execute(() -> {
                    if (lane.open.filter(open -> open.id().equals(session.id())).isEmpty()) {
                        return;
                    }
                    if (failure != null) {
                        end(lane, SessionState.FINISHED, lane.pile.status(),
                                "the pile could not resume charging: " + failure.getMessage());
                    } else {
                        // a stop that came while the pile was resuming ends the session it resumed
                        lane.stopReason.ifPresent(lane.pile::finish);
                    }
                }));
        LOG.info("Pile {}: session {} resumes charging from register {} Wh", session.session().pile(), session.id(),
                session.session().startEnergyWh());
    }

    /**
     * Delivery ended at the pile (stopped, target reached, vehicle done, unplugged or faulted). The session ends on
     * the first reading without power, so its last register is final; a fault or a meter that keeps reporting power
     * ends it at once or after a while.
     */
    private void endWhenSettled(PileLane lane, PileStatus status) {
        Instant now = clock.instant();
        if (lane.endingSince.isEmpty()) {
            lane.endingSince = Optional.of(now);
        }
        boolean settled = !status.contactorClosed() && status.powerW() == 0;
        boolean waitedEnough = Duration.between(lane.endingSince.get(), now).compareTo(SETTLE_LIMIT) >= 0;
        if (settled || waitedEnough || status.state() == PileState.FAULTED) {
            end(lane, SessionState.FINISHED, status, lane.stopReason.orElseGet(() -> endReason(status)));
        }
    }

    private static String endReason(PileStatus status) {
        return switch (status.state()) {
            case AVAILABLE -> "the vehicle was unplugged";
            case FAULTED -> "the pile faulted: " + status.faultText().orElse("unknown fault");
            case UNAVAILABLE -> status.plugState().vehiclePresent() ? "the pile was taken out of service"
                    : "the vehicle was unplugged";
            default -> "the pile ended charging: target reached or vehicle done";
        };
    }

    private void end(PileLane lane, SessionState end, PileStatus status, String reason) {
        SessionRecord session = lane.open.orElseThrow();
        SessionRecord ended = session.ended(end, clock.instant(), Math.max(status.energyWh(),
                session.session().startEnergyWh()), reason);
        store(lane, ended);
        lane.open = Optional.empty();
        lane.token = null;
        lane.endingSince = Optional.empty();
        lane.stopReason = Optional.empty();
        LOG.info("Pile {}: session {} {}: {}; {} Wh delivered", ended.session().pile(), ended.id(), end, reason,
                ended.session().deliveredWh(ended.session().endEnergyWh().orElseThrow()));
        pushStatus(lane, ended, status);
        if (end == SessionState.FINISHED) {
            settlement.feeOf(ended).ifPresent(notice -> ended.terminal().ifPresent(terminal -> push(terminal, notice)));
        }
        if (!lane.stopsWaiting.isEmpty()) {
            SessionOverview overview = overview(ended);
            lane.stopsWaiting.forEach(stop -> stop.complete(overview));
            lane.stopsWaiting = new ArrayList<>();
        }
    }

    private List<TerminalOutbound> promptFor(PileLane lane, TerminalId terminal) {
        SessionRecord session = waitingSession(lane);
        if (session.terminal().isPresent()) {
            throw busy(lane);
        }
        if (!mayBePrompted(session, terminal)) {
            throw new DialogueRefusal(ErrorCode.NOT_YOUR_VEHICLE, "the vehicle at pile " + session.session().pile()
                    + " is registered to another account");
        }
        return prompts(lane, session);
    }

    private List<TerminalOutbound> associate(PileLane lane, TerminalId terminal, AssociationRequest request) {
        if (!request.terminal().equals(terminal)) {
            throw new DialogueRefusal(ErrorCode.TERMINAL_MISMATCH, "the request names terminal " + request.terminal()
                    + " but comes from " + terminal);
        }
        SessionRecord session = waitingSession(lane);
        if (session.isBoundTo(terminal)) {
            return List.of(recordStatus(lane, session, lane.pile.status()));
        }
        if (session.terminal().isPresent()) {
            throw busy(lane);
        }
        TokenClaims claims;
        try {
            claims = tokens.redeem(request.associationToken(), request.pile());
        } catch (TokenRejectedException e) {
            LOG.info("Pile {}: association by {} refused: {}", request.pile(), terminal, e.getMessage());
            throw new DialogueRefusal(e.reason().code(), e.reason().message());
        }
        if (!claims.promptedAt().equals(session.promptedAt()) || !claims.vehicle().equals(session.session().vehicle())) {
            throw new DialogueRefusal(ErrorCode.TOKEN_STALE, "the association token is from an earlier prompt at pile "
                    + request.pile() + "; use the latest one");
        }
        SessionRecord bound = session.boundTo(terminal);
        store(lane, bound);
        LOG.info("Pile {}: session {} bound to terminal {}", request.pile(), session.id(), terminal);
        return List.of(recordStatus(lane, bound, lane.pile.status()));
    }

    /** Ends once the pile's relay has closed its contactor, or failed to; the pile's next work waits until then. */
    private CompletionStage<List<TerminalOutbound>> charge(PileLane lane, TerminalId terminal,
            ChargingRequest request) {
        SessionRecord session = boundSession(lane, terminal);
        if (session.state() != SessionState.PENDING) {
            throw new DialogueRefusal(ErrorCode.ALREADY_CHARGING, "session " + session.id() + " is " + session.state());
        }
        ChargingInfo info;
        try {
            info = policy.decide(session.id(), request.pile(), session.session().vehicle(), request.targets(),
                    lane.pile.maxCurrentA(), settlement.spendable(terminal, request.pile()), clock.instant());
        } catch (ChargingRefusedException e) {
            throw new DialogueRefusal(e.code(), e.getMessage());
        }
        SessionRecord authorised = session.authorised(info);
        store(lane, authorised);
        return lane.pile.charge(info, session.session().startEnergyWh()).toCompletableFuture()
                .orTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((charging, failure) -> {
                    if (failure != null) {
                        Throwable cause = PileWork.unwrapped(failure);
                        LOG.warn("Pile {}: session {} could not start: {}", request.pile(), session.id(),
                                cause instanceof TimeoutException ? "its relay did not answer within "
                                        + REQUEST_TIMEOUT.toSeconds() + " s" : cause.getMessage());
                        throw new DialogueRefusal(ErrorCode.PILE_NOT_CHARGING, "pile " + request.pile()
                                + " did not start charging; try again, or plug in again");
                    }
                    SessionRecord started = authorised.moved(SessionState.CHARGING);
                    store(lane, started);
                    LOG.info("Pile {}: session {} charging at up to {} A{}", request.pile(), session.id(),
                            info.maxCurrentA(), info.targetEnergyWh().map(wh -> ", target " + wh + " Wh").orElse(""));
                    return List.of(recordStatus(lane, started, charging));
                }, workers);
    }

    private List<TerminalOutbound> stop(PileLane lane, TerminalId terminal, SessionId id) {
        SessionRecord session = lane.open.filter(open -> open.id().equals(id)).orElseThrow(() -> new DialogueRefusal(
                ErrorCode.SESSION_ENDED, "session " + id + " has ended already"));
        if (!session.isBoundTo(terminal)) {
            throw notBound(id);
        }
        finishSession(lane, session, "stopped by terminal " + terminal);
        return List.of();
    }

    /**
     * Ends the open session on request: the contactor opens; one that never charged ends at once, one that charged
     * once the meter has settled, so its last register is final.
     */
    private void finishSession(PileLane lane, SessionRecord session, String reason) {
        if (session.state() == SessionState.PENDING) {
            lane.pile.finish(reason);
            end(lane, SessionState.FINISHED, lane.pile.status(), reason);
            return;
        }
        if (lane.stopReason.isEmpty()) {
            lane.stopReason = Optional.of(reason);
        }
        // before the pile's controller is back after a restart, the stop waits for the session to resume
        if (lane.pile != null) {
            lane.pile.finish(reason);
        }
    }

    private List<TerminalOutbound> resume(TerminalId terminal, ResumeRequest request) {
        SessionRecord session = sessions.find(request.session()).orElseThrow(() -> unknown(request.session()));
        if (!session.isBoundTo(terminal)) {
            throw notBound(request.session());
        }
        return sessions.statusAfter(request.session(), request.lastSeq(), MAX_REPLAY).stream()
                .map(point -> (TerminalOutbound) update(session, point, Optional.empty())).toList();
    }

    private void tickAll() {
        for (PileLane lane : lanes.values()) {
            lane.lane.execute(() -> tick(lane));
        }
    }

    private void tick(PileLane lane) {
        if (lane.pile == null || lane.open.isEmpty()) {
            return;
        }
        SessionRecord session = lane.open.get();
        PileStatus status = lane.pile.status();
        if (lane.endingSince.isPresent()) {
            endWhenSettled(lane, status);
        } else if (session.state() == SessionState.CHARGING || session.state() == SessionState.SUSPENDED) {
            StatusUpdate update = recordStatus(lane, session, status);
            session.terminal().ifPresent(terminal -> push(terminal, update));
            stopAtBudget(lane, session, update);
        } else if (session.terminal().isEmpty() && lane.token != null && !clock.instant().isBefore(lane.tokenExpiresAt)) {
            resumePrompt(lane, session);
        }
    }

    /** Records the next status update of the session and sends it to the bound terminal. */
    private void pushStatus(PileLane lane, SessionRecord session, PileStatus status) {
        StatusUpdate update = recordStatus(lane, session, status);
        session.terminal().ifPresent(terminal -> push(terminal, update));
    }

    /** Records the next status update of the session, for a reply to the bound terminal. */
    private StatusUpdate recordStatus(PileLane lane, SessionRecord session, PileStatus status) {
        boolean delivering = session.state() == SessionState.CHARGING || session.state() == SessionState.SUSPENDED;
        StatusPoint point = new StatusPoint(lane.lastSeq + 1, clock.instant(), session.state(),
                delivering ? Math.max(0, status.powerW()) : 0,
                session.session().endEnergyWh().orElse(Math.max(status.energyWh(), session.session().startEnergyWh())));
        Optional<Money> estimate = delivering ? settlement.estimate(session, lane.points, point) : Optional.empty();
        sessions.append(session.id(), point);
        lane.lastSeq = point.seq();
        lane.points.add(point);
        return update(session, point, estimate);
    }

    /** The pile keeps to the energy target itself; the budget needs the tariff, so it is watched here. */
    private void stopAtBudget(PileLane lane, SessionRecord session, StatusUpdate update) {
        Optional<Money> budget = session.session().info().flatMap(ChargingInfo::budget);
        if (budget.isEmpty() || update.estimatedCost().isEmpty() || lane.stopReason.isPresent()) {
            return;
        }
        Money cost = update.estimatedCost().get();
        if (cost.currency().equals(budget.get().currency()) && !budget.get().isGreaterThan(cost)) {
            lane.stopReason = Optional.of("the budget of " + budget.get() + " is reached");
            lane.pile.finish(lane.stopReason.get());
        }
    }

    /** The bound terminal confirmed the fee: the wallet is debited once and the session is paid. */
    private List<TerminalOutbound> pay(TerminalId terminal, PaymentConfirmation confirmation) {
        SessionRecord session = sessions.find(confirmation.session()).orElseThrow();
        if (session.state() == SessionState.PAID) {
            return sessions.latestStatus(session.id()).map(point -> List.<TerminalOutbound>of(
                    update(session, point, Optional.empty()))).orElse(List.of());
        }
        if (session.state() != SessionState.FINISHED) {
            throw new DialogueRefusal(ErrorCode.NOT_FINISHED, "session " + session.id() + " is " + session.state()
                    + "; its fee comes when it has finished");
        }
        return List.of(recordEnded(settlement.pay(session, terminal, confirmation)));
    }

    /** Records a status update of a session that has ended, numbered after its last one. */
    private StatusUpdate recordEnded(SessionRecord ended) {
        long seq = sessions.latestStatus(ended.id()).map(StatusPoint::seq).orElse(0L) + 1;
        StatusPoint point = new StatusPoint(seq, clock.instant(), ended.state(), 0,
                ended.session().endEnergyWh().orElseThrow());
        sessions.append(ended.id(), point);
        return update(ended, point, Optional.empty());
    }

    /**
     * Finished sessions whose fee was not issued (the gateway stopped in between) get it now and their terminal is
     * told; those the wallet shows paid are recorded paid.
     */
    private void settleOutstanding() {
        try {
            for (SessionRecord unpaid : sessions.unpaid(SETTLE_BATCH)) {
                laneOf(unpaid.session().pile()).lane.execute(() -> settle(unpaid.id()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Settling finished sessions failed; trying again in {} s", SETTLE_EVERY.toSeconds(), e);
        }
    }

    private void settle(SessionId id) {
        SessionRecord unpaid = sessions.find(id).filter(session -> session.state() == SessionState.FINISHED)
                .orElse(null);
        if (unpaid == null) {
            return;
        }
        Optional<SessionRecord> paid = settlement.paidMeanwhile(unpaid);
        if (paid.isPresent()) {
            StatusUpdate update = recordEnded(paid.get());
            paid.get().terminal().ifPresent(terminal -> push(terminal, update));
        } else {
            settlement.feeOf(unpaid).ifPresent(notice -> unpaid.terminal().ifPresent(t -> push(t, notice)));
        }
    }

    private static StatusUpdate update(SessionRecord record, StatusPoint point, Optional<Money> estimate) {
        var session = record.session();
        Instant until = session.endedAt().orElse(point.at());
        Duration elapsed = until.isAfter(session.startedAt()) ? Duration.between(session.startedAt(), until)
                : Duration.ZERO;
        return new StatusUpdate(session.id(), session.pile(), point.seq(), point.state(), point.powerW(),
                session.deliveredWh(point.registerWh()), elapsed, estimate, point.at());
    }

    private List<TerminalOutbound> prompts(PileLane lane, SessionRecord session) {
        var pile = session.session().pile();
        return new ArrayList<>(List.of(
                new ChargingPrompt(pile, session.session().vehicle(), session.promptedAt(), lane.pile.maxCurrentA(),
                        settlement.tariffSummary(pile)),
                new AssociationPrompt(pile, lane.token, lane.tokenExpiresAt)));
    }

    private static boolean awaitsTerminal(SessionRecord session) {
        return session.state() == SessionState.PENDING && session.terminal().isEmpty();
    }

    /** Anyone may answer for a vehicle the gateway does not know; a registered one only its account's terminals. */
    private boolean mayBePrompted(SessionRecord session, TerminalId terminal) {
        return session.account().map(account -> registry.terminalsOf(account).contains(terminal)).orElse(true);
    }

    private void push(TerminalId terminal, TerminalOutbound message) {
        TerminalOutbox current = outbox;
        if (current == null || !current.push(terminal, message)) {
            LOG.debug("Terminal {} is not connected; it gets {} when it resumes", terminal, message.type());
        }
    }

    private void store(PileLane lane, SessionRecord session) {
        sessions.update(session);
        lane.open = Optional.of(session);
    }

    private static SessionRecord waitingSession(PileLane lane) {
        return lane.open.filter(open -> open.state() == SessionState.PENDING).orElseThrow(() -> lane.open.isPresent()
                ? busy(lane) : new DialogueRefusal(ErrorCode.NO_VEHICLE,
                        "no vehicle is waiting at pile " + lane.pile.id()));
    }

    private static SessionRecord boundSession(PileLane lane, TerminalId terminal) {
        SessionRecord session = lane.open.orElseThrow(() -> new DialogueRefusal(ErrorCode.NO_VEHICLE,
                "no vehicle is waiting at pile " + lane.pile.id()));
        if (!session.isBoundTo(terminal)) {
            throw session.terminal().isPresent() ? busy(lane) : new DialogueRefusal(ErrorCode.NOT_ASSOCIATED,
                    "send the association request for pile " + lane.pile.id() + " first");
        }
        return session;
    }

    private static DialogueRefusal busy(PileLane lane) {
        return new DialogueRefusal(ErrorCode.PILE_BUSY, "pile " + lane.pile.id() + " is in use by another terminal");
    }

    private static DialogueRefusal notBound(SessionId session) {
        return new DialogueRefusal(ErrorCode.NOT_BOUND, "session " + session + " is not bound to this terminal");
    }

    private static DialogueRefusal unknown(SessionId session) {
        return new DialogueRefusal(ErrorCode.UNKNOWN_SESSION, "there is no session " + session);
    }

    private List<TerminalOutbound> onLane(PileId pile, Function<PileLane, List<TerminalOutbound>> work) {
        return onLaneUntil(pile, lane -> CompletableFuture.completedFuture(work.apply(lane)));
    }

    /** As {@link #onLane(PileId, Function)}, for work that ends in a stage; the pile's next work waits for it. */
    private List<TerminalOutbound> onLaneUntil(PileId pile,
            Function<PileLane, CompletionStage<List<TerminalOutbound>>> work) {
        PileLane lane = lanes.get(pile);
        if (lane == null) {
            throw new DialogueRefusal(ErrorCode.PILE_UNAVAILABLE, "pile " + pile + " is not running");
        }
        return awaited(lane.lane.submit(() -> {
            if (lane.pile == null) {
                throw new DialogueRefusal(ErrorCode.PILE_UNAVAILABLE, "pile " + pile + " is not running");
            }
            return work.apply(lane);
        }));
    }

    /** Runs {@code work} on the pile's lane and waits for it, so the request sees the pile's state in order. */
    private <T> T onLane(PileLane lane, Supplier<T> work) {
        return awaited(lane.lane.submit(() -> CompletableFuture.completedFuture(work.get())));
    }

    private static <T> T awaited(CompletableFuture<T> result) {
        try {
            return result.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DialogueRefusal refusal) {
                throw refusal;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new DialogueRefusal(ErrorCode.SERVICE_BUSY,
                    "the pile did not answer in time; send the request again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DialogueRefusal(ErrorCode.SERVICE_UNAVAILABLE, "the gateway is shutting down");
        }
    }

    private PileLane laneOf(PileId pile) {
        return lanes.computeIfAbsent(pile, id -> new PileLane(new PileWork(workers)));
    }

    private static void unsubscribe(PileLane lane) {
        if (lane.subscription != null) {
            try {
                lane.subscription.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribing from pile failed", e);
            }
            lane.subscription = null;
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
