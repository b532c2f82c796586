package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.ChargingRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound terminal's charging request: decided against the pile and the account's wallet, stored, then sent to the
 * pile, whose relay closes the contactor; the answer carries the depot plan's promise ({@link Promises}). Also the restart of a session that was charging when the gateway stopped.
 * Runs on the pile's lane; the pile's next work waits for the relay, no thread does.
 */
final class ChargingStart {

    private static final Logger LOG = LoggerFactory.getLogger(ChargingStart.class);
    /** How long a relay may take to confirm its contactor closed. */
    static final Duration RELAY_TIMEOUT = Duration.ofSeconds(15);

    private final JdbcSessions sessions;
    private final ChargingPolicy policy = new ChargingPolicy();
    private final Settlement settlement;
    private final Promises promises;
    private final StatusLog statusLog;
    private final SessionEnding ending;
    private final Executor threads;
    private final Clock clock;

    /** @param threads where the session goes on once the relay answered, off the relay driver's thread */
    ChargingStart(JdbcSessions sessions, Settlement settlement, Promises promises, StatusLog statusLog,
            SessionEnding ending, Executor threads, Clock clock) {
        this.sessions = sessions;
        this.settlement = settlement;
        this.promises = promises;
        this.statusLog = statusLog;
        this.ending = ending;
        this.threads = threads;
        this.clock = clock;
    }

    /** Ends once the pile's relay has closed its contactor, or failed to. */
    CompletionStage<List<TerminalOutbound>> charge(PileLane lane, TerminalId terminal, ChargingRequest request) {
        SessionRecord session = lane.boundSession(terminal);
        if (session.state() != SessionState.PENDING) {
            throw new DialogueRefusal(ErrorCode.ALREADY_CHARGING, "session " + session.id() + " is " + session.state());
        }
        ChargingInfo info;
        try {
            info = policy.decide(session.id(), lane.id, session.session().vehicle(), request.targets(),
                    lane.pile.maxCurrentA(), settlement.spendable(terminal, lane.id), clock.instant());
        } catch (ChargingRefusedException e) {
            throw new DialogueRefusal(e.code(), e.getMessage());
        }
        SessionRecord authorised = session.authorised(info);
        lane.store(sessions, authorised);
        return lane.pile.charge(info, session.session().startEnergyWh()).toCompletableFuture()
                .orTimeout(RELAY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((charging, failure) -> {
                    if (failure != null) {
                        Throwable cause = Lane.unwrapped(failure);
                        LOG.warn("Pile {}: session {} could not start: {}", lane.id, session.id(),
                                cause instanceof TimeoutException ? "its relay did not answer within "
                                        + RELAY_TIMEOUT.toSeconds() + " s" : cause.getMessage());
                        throw new DialogueRefusal(ErrorCode.PILE_NOT_CHARGING, "pile " + lane.id + " did not start"
                                + " charging; try again, or plug in again");
                    }
                    SessionRecord started = authorised.moved(SessionState.CHARGING);
                    List<TerminalOutbound> replies = new ArrayList<>();
                    replies.add(statusLog.storeAndRecord(lane, started, charging));
                    LOG.info("Pile {}: session {} charging at up to {} A{}", lane.id, session.id(),
                            info.maxCurrentA(), info.targetEnergyWh().map(wh -> ", target " + wh + " Wh").orElse(""));
                    // what the depot's plan promises, before the vehicle draws its first watt
                    lane.pile.plan().flatMap(plan -> promises.of(started, plan, charging.energyWh(),
                            clock.instant())).ifPresent(promise -> {
                                replies.add(promise);
                                lane.promisedMet = Optional.of(promise.targetMet());
                            });
                    return replies;
                }, threads);
    }

    /** After a restart the pile is plugged but idle: the session's charging info goes to it again. */
    void resume(PileLane lane, SessionRecord session) {
        ChargingInfo info = session.session().info().orElseThrow();
        lane.pile.prompted();
        lane.pile.charge(info, session.session().startEnergyWh()).whenComplete((status, failure) ->
                lane.work.execute(() -> {
                    if (lane.open.filter(open -> open.id().equals(session.id())).isEmpty()) {
                        return;
                    }
                    if (failure != null) {
                        // the vehicle is the session's still: the pile waits for it to leave, and prompts no new one
                        String reason = "not resumed: " + rootMessage(failure);
                        lane.pile.finish(reason);
                        ending.end(lane, SessionState.FINISHED, lane.pile.status(), reason);
                    } else {
                        // a stop that came while the pile was resuming ends the session it resumed
                        lane.stopReason.ifPresent(lane.pile::finish);
                    }
                }));
        LOG.info("Pile {}: session {} resumes charging from register {} Wh", lane.id, session.id(),
                session.session().startEnergyWh());
    }

    /** What the device said, without the layers that carried it. */
    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
