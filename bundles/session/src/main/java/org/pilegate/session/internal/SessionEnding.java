package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a session ends: stopped by its terminal, the operator or its budget, or by the pile (target reached, vehicle
 * done, unplugged, faulted). A session that charged ends once the meter has settled, so its last register is final;
 * then its fee is issued. Runs on the pile's lane.
 */
final class SessionEnding {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEnding.class);
    /** A meter that gives no final reading this long after the contactor opened is not waited for any more. */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

    private final JdbcSessions sessions;
    private final StatusLog statusLog;
    private final Settlement settlement;
    private final Announcer announcer;
    private final Function<SessionRecord, SessionOverview> overview;
    private final Clock clock;

    SessionEnding(JdbcSessions sessions, StatusLog statusLog, Settlement settlement, Announcer announcer,
            Function<SessionRecord, SessionOverview> overview, Clock clock) {
        this.sessions = sessions;
        this.statusLog = statusLog;
        this.settlement = settlement;
        this.announcer = announcer;
        this.overview = overview;
        this.clock = clock;
    }

    List<TerminalOutbound> stopByTerminal(PileLane lane, TerminalId terminal, SessionId id) {
        SessionRecord session = lane.open.filter(open -> open.id().equals(id)).orElseThrow(() -> new DialogueRefusal(
                ErrorCode.SESSION_ENDED, "session " + id + " has ended already"));
        if (!session.isBoundTo(terminal)) {
            throw DialogueRefusal.notBound(id);
        }
        if (lane.pile != null && StatusLog.isDelivering(session)) {
            // the status at the stop is committed before the contactor opens: with the database out of reach the
            // stop is refused and charging goes on, rather than stopped with nothing stored to say so
            statusLog.announce(lane, session, lane.pile.status());
        }
        finish(lane, session, "stopped by terminal " + terminal);
        return List.of();
    }

    /** The operator's stop: {@code stopped} completes once the session has ended. */
    void stopByOperator(PileLane lane, SessionId id, String why, CompletableFuture<SessionOverview> stopped) {
        Optional<SessionRecord> open = lane.open.filter(session -> session.id().equals(id));
        if (open.isEmpty()) {
            stopped.completeExceptionally(sessions.find(id).map(SessionEnding::ended)
                    .orElseGet(() -> new IllegalStateException("session " + id + " is not open")));
        } else if (lane.pile == null) {
            stopped.completeExceptionally(new IllegalStateException("pile " + lane.id + " is not running; session "
                    + id + " can be stopped once it is back"));
        } else {
            lane.stopsWaiting.add(stopped);
            finish(lane, open.get(), why);
        }
    }

    static IllegalStateException ended(SessionRecord session) {
        return new IllegalStateException("session " + session.id() + " has ended already: " + session.state());
    }

    /**
     * Ends the open session on request: the contactor opens; one that never charged ends at once, one that charged
     * once the meter has settled.
     */
    void finish(PileLane lane, SessionRecord session, String reason) {
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

    /** The pile keeps to the energy target itself; the budget needs the tariff, so it is watched here. */
    void stopAtBudget(PileLane lane, SessionRecord session, StatusUpdate update) {
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

    /**
     * Delivery ended at the pile. Never while the relay shows the contactor closed: the pile opens it until it does.
     * A pile finishing lets go of the session once a meter reading asked for after the contactor opened has come,
     * and that reading's register is the last; with the vehicle gone the first reading without power is taken. While
     * the pile holds the session nothing ends it, however long its devices stay silent (it faults then, and says so):
     * any earlier register would be a guess. A faulted pile that holds no session ends it at once (it had none
     * charging there), and with the vehicle gone and the pile holding nothing, a meter that gives no reading without
     * power within {@link #SETTLE_LIMIT} is not waited for any longer.
     */
    void endWhenSettled(PileLane lane, PileStatus status) {
        Instant now = clock.instant();
        if (lane.endingSince.isEmpty()) {
            lane.endingSince = Optional.of(now);
        }
        if (status.state() == PileState.FAULTED && lane.stopReason.isEmpty()) {
            lane.stopReason = Optional.of(endReason(status));
        }
        if (status.activeSession().filter(lane.open.orElseThrow().id()::equals).isPresent()) {
            return;
        }
        lane.openSince = status.contactorClosed() ? Optional.empty() : lane.openSince.or(() -> Optional.of(now));
        boolean settled = !status.contactorClosed() && (status.state() == PileState.FINISHING
                || status.powerW() == 0);
        // with the vehicle gone nothing is delivered, whatever the contactor shows
        Optional<Instant> nothingDeliveredSince = status.plugState().vehiclePresent() ? lane.openSince
                : lane.endingSince;
        boolean waitedEnough = nothingDeliveredSince
                .filter(since -> Duration.between(since, now).compareTo(SETTLE_LIMIT) >= 0).isPresent();
        if (settled || waitedEnough || status.state() == PileState.FAULTED) {
            end(lane, SessionState.FINISHED, status, lane.stopReason.orElseGet(() -> endReason(status)));
        } else if (!lane.slowEndLogged && Duration.between(lane.endingSince.get(), now).compareTo(SETTLE_LIMIT) >= 0) {
            // sends no status while it waits: say once why it does not end
            lane.slowEndLogged = true;
            LOG.warn("Pile {}: session {} has waited {} s to end ({}); the pile shows {}, contactor {}", lane.id,
                    lane.open.orElseThrow().id(), Duration.between(lane.endingSince.get(), now).toSeconds(),
                    lane.stopReason.orElseGet(() -> endReason(status)), status.state(),
                    status.contactorClosed() ? "closed" : "open");
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

    void end(PileLane lane, SessionState end, PileStatus status, String reason) {
        SessionRecord session = lane.open.orElseThrow();
        SessionRecord ended = session.ended(end, clock.instant(), Math.max(status.energyWh(),
                session.session().startEnergyWh()), reason);
        statusLog.storeAndAnnounce(lane, ended, status);
        lane.closed();
        LOG.info("Pile {}: session {} {}: {}; {} Wh delivered", lane.id, ended.id(), end, reason,
                ended.session().deliveredWh(ended.session().endEnergyWh().orElseThrow()));
        if (end == SessionState.FINISHED) {
            settlement.feeOf(ended).ifPresent(notice -> ended.terminal()
                    .ifPresent(terminal -> announcer.push(terminal, notice)));
        }
        if (!lane.stopsWaiting.isEmpty()) {
            SessionOverview stopped = overview.apply(ended);
            lane.stopsWaiting.forEach(stop -> stop.complete(stopped));
            lane.stopsWaiting = new ArrayList<>();
        }
    }
}
