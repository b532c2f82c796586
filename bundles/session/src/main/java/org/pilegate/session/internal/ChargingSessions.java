package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

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
import org.pilegate.api.pile.PileController;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingRequest;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.PromptRequest;
import org.pilegate.api.terminal.ResumeRequest;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalOutbox;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the charging dialogue, put together: terminal requests go to the pile they concern, pile events
 * are followed, status ticks, and finished sessions are settled. Each concern is a part of its own ({@link Prompting},
 * {@link ChargingStart}, {@link StatusLog} and {@link StatusTicks}, {@link SessionEnding}, {@link Payments}).
 * <p>
 * Everything about one pile runs on that pile's lane, one step after the other on threads all piles share, in the
 * order it happened; a request's answer is a stage, so no thread waits for a pile. Every change is stored before it
 * is announced, so that after a restart open sessions resume where they were.
 */
@Component(service = {TerminalRequestHandler.class, SessionDirectory.class}, configurationPid = ChargingSessions.PID)
@Designate(ocd = SessionConfig.class)
public class ChargingSessions implements TerminalRequestHandler, SessionDirectory {

    static final String PID = "org.pilegate.session";

    private static final Logger LOG = LoggerFactory.getLogger(ChargingSessions.class);
    /** How long a terminal's request may wait for its pile's turn before it is refused as busy. */
    private static final Duration QUEUE_LIMIT = Duration.ofSeconds(15);
    private static final String TOKEN_KEY = "association-token-key";

    private final JdbcSessions sessions;
    private final GatewayThreads threads;
    private final SessionSchedules schedules;
    private final ChargeAdmission admission;
    private final PileLanes lanes;
    private final Announcer announcer = new Announcer();
    private final SessionOverviews overviews;
    private final Greeting greeting;
    private final OperatorStop operatorStop;
    private final Prompting prompting;
    private final ChargingStart start;
    private final SessionEnding ending;
    private final PileFollower follower;
    private final Payments payments;
    private final StatusLog statusLog;
    private final HeldStatusBudget heldBudget;
    private volatile SessionSettings settings;
    private volatile boolean active = true;
    private volatile Pricing pricing;
    private volatile Wallet wallet;
    /** The fleet uplink, when installed: session changes and fee notices add their events in their transaction. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UplinkOutbox uplink;

    @Activate
    public ChargingSessions(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference VehicleRegistry registry, @Reference GatewayThreads threads, SessionConfig config) {
        // steady: elapsed times, token lifetimes and the priced timeline keep their length when the wall clock steps
        this(dataSource, registry, threads, config, SteadyClock.system());
    }

    ChargingSessions(DataSource dataSource, VehicleRegistry registry, GatewayThreads threads, SessionConfig config,
            Clock systemClock) {
        this.settings = SessionSettings.checked(config);
        // tokens sign and the store keeps times to the millisecond: a finer clock would not match itself
        Clock clock = Clock.tick(systemClock, Duration.ofMillis(1));
        this.sessions = new JdbcSessions(dataSource, () -> Optional.ofNullable(uplink));
        this.threads = threads;
        this.lanes = new PileLanes(threads.workers(), threads.background(), QUEUE_LIMIT);
        this.admission = new ChargeAdmission(threads::backlog, () -> settings.admissionBacklog());
        JdbcFees fees = new JdbcFees(dataSource, () -> Optional.ofNullable(uplink));
        Settlement settlement = new Settlement(sessions, fees, registry, () -> Optional.ofNullable(pricing),
                () -> Optional.ofNullable(wallet), clock);
        JdbcRedeemedTokens redeemed = new JdbcRedeemedTokens(dataSource);
        AssociationTokens tokens = new AssociationTokens(new JdbcGatewaySecrets(dataSource).secret(TOKEN_KEY,
                AssociationTokens.MIN_KEY_BYTES), clock, redeemed);
        this.statusLog = new StatusLog(sessions, settlement, announcer, clock);
        this.overviews = new SessionOverviews(sessions, fees);
        this.prompting = new Prompting(sessions, registry, tokens, settlement, statusLog, announcer,
                () -> settings.promptLifetime(), clock);
        this.ending = new SessionEnding(sessions, statusLog, settlement, announcer, overviews::overview, clock);
        Promises promises = new Promises(settlement);
        this.start = new ChargingStart(sessions, settlement, promises, statusLog, ending, threads.workers(), clock);
        this.follower = new PileFollower(sessions, prompting, start, ending, statusLog);
        this.heldBudget = new HeldStatusBudget(settings.heldStatusBudgetMiB());
        StatusTicks ticks = new StatusTicks(lanes, sessions, statusLog, prompting, ending, announcer, promises,
                threads.background(), heldBudget);
        this.greeting = new Greeting(statusLog::storedFor, lanes, prompting::waitingFor, threads.workers());
        this.operatorStop = new OperatorStop(sessions::find, lanes, ending::stopByOperator,
                QUEUE_LIMIT.plus(SessionEnding.SETTLE_LIMIT));
        this.payments = new Payments(sessions, settlement, statusLog, announcer, lanes);
        for (SessionRecord open : sessions.open()) {
            lanes.of(open.session().pile()).opened(open, sessions.statusAfter(open.id(), 0, Integer.MAX_VALUE));
        }
        LOG.info("Sessions: {} open session(s) to resume", lanes.all().size());
        schedules = new SessionSchedules(threads, settings.statusInterval(), ticks::tick);
        schedules.every(Duration.ofMinutes(1), Duration.ofHours(1), () -> redeemed.forgetExpired(clock.instant()));
        schedules.every(Duration.ZERO, Payments.SETTLE_EVERY, payments::settleOutstanding);
    }

    /**
     * New intervals apply from now on. A configuration with a wrong value is refused as a whole (the framework logs
     * why) and the service keeps its last good one.
     */
    @Modified
    void modified(SessionConfig config) {
        SessionSettings changed = SessionSettings.checked(config);
        settings = changed;
        heldBudget.resize(changed.heldStatusBudgetMiB());
        schedules.tickEvery(changed.statusInterval());
        LOG.info("Sessions reconfigured: status every {} ms, prompts valid {} s", changed.statusInterval().toMillis(),
                changed.promptLifetime().toSeconds());
    }

    @Deactivate
    void deactivate() {
        active = false;
        schedules.cancel();
        lanes.all().forEach(PileLane::unsubscribe);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutbox(TerminalOutbox bound) {
        announcer.outbox(bound);
    }

    void unbindOutbox(TerminalOutbox unbound) {
        announcer.outboxGone(unbound);
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
        PileLane lane = lanes.of(pile.id());
        lane.work.execute(() -> follower.attach(lane, pile));
    }

    void removePile(PileController pile) {
        // after deactivation (references are unbound last) every subscription is closed already
        if (active) {
            PileLane lane = lanes.of(pile.id());
            lane.work.execute(() -> follower.detach(lane, pile));
        }
    }

    @Override
    public CompletionStage<List<TerminalOutbound>> handle(TerminalId terminal, TerminalInbound request) {
        CompletableFuture<List<TerminalOutbound>> replies;
        if (request instanceof ResumeRequest resume) {
            replies = CompletableFuture.supplyAsync(() -> statusLog.replay(boundSession(terminal, resume.session()),
                    resume.lastSeq()), threads.workers());
        } else if (request instanceof PaymentConfirmation payment) {
            replies = onSessionLane(terminal, payment.session(), lane -> payments.pay(terminal, payment));
        } else if (request instanceof StopRequest stop) {
            replies = onSessionLane(terminal, stop.session(), lane -> ending.stopByTerminal(lane, terminal,
                    stop.session()));
        } else if (request instanceof PromptRequest prompt) {
            replies = lanes.requestNow(prompt.pile(), lane -> prompting.promptFor(lane, terminal));
        } else if (request instanceof AssociationRequest association) {
            replies = lanes.requestNow(association.pile(), lane -> prompting.associate(lane, terminal, association));
        } else {
            ChargingRequest charging = (ChargingRequest) request;
            replies = admission.admit(charging.pile()).thenCompose(admitted -> lanes.request(charging.pile(),
                    lane -> start.charge(lane, terminal, charging)));
        }
        return replies.exceptionally(ChargingSessions::refusalReply);
    }

    /** Runs {@code work} on the lane of the session's pile, once the session is found bound to the terminal. */
    private CompletableFuture<List<TerminalOutbound>> onSessionLane(TerminalId terminal, SessionId id,
            Function<PileLane, List<TerminalOutbound>> work) {
        return CompletableFuture.supplyAsync(() -> boundSession(terminal, id), threads.workers())
                .thenCompose(session -> lanes.requestNow(session.session().pile(), work));
    }

    private SessionRecord boundSession(TerminalId terminal, SessionId id) {
        SessionRecord session = sessions.find(id).orElseThrow(() -> DialogueRefusal.unknown(id));
        if (!session.isBoundTo(terminal)) {
            throw DialogueRefusal.notBound(id);
        }
        return session;
    }

    private static List<TerminalOutbound> refusalReply(Throwable failure) {
        if (Lane.unwrapped(failure) instanceof DialogueRefusal refusal) {
            return List.of(refusal.reply());
        }
        throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
    }

    @Override
    public CompletionStage<List<TerminalOutbound>> connected(TerminalId terminal) {
        return greeting.of(terminal);
    }

    @Override
    public List<SessionOverview> list(SessionQuery query) {
        return overviews.list(query);
    }

    @Override
    public Optional<SessionOverview> find(SessionId id) {
        return overviews.find(id);
    }

    @Override
    public CompletionStage<SessionOverview> stop(SessionId id, String reason) {
        return operatorStop.stop(id, reason);
    }
}
