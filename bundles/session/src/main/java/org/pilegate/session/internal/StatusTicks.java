package org.pilegate.session.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.StatusUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every status interval: a status update for each delivering session, committed in one transaction for all those of a
 * tick's slot ({@link TickSlots}) before any terminal is told; the budget checked against the fee so far; an ending
 * session ended once its meter settled; an expired prompt renewed; a promise the depot's plan no longer keeps told
 * again. All of it as background work ({@link org.pilegate.api.work.GatewayThreads#background()}): a tick touches
 * every pile at once, and must not stand between a driver and the answer to a request.
 */
final class StatusTicks {

    private static final Logger LOG = LoggerFactory.getLogger(StatusTicks.class);
    /**
     * How long the batch waits for the piles' lanes to take their turn. A lane still busy then (its relay closing)
     * commits its point on its own, so one slow pile does not hold up every terminal's status.
     */
    static final Duration GATHER_LIMIT = Duration.ofMillis(200);

    private final PileLanes lanes;
    private final JdbcSessions sessions;
    private final StatusLog statusLog;
    private final Prompting prompting;
    private final SessionEnding ending;
    private final Announcer announcer;
    private final Promises promises;
    private final Executor threads;
    private final HeldStatusBudget heldBudget;

    StatusTicks(PileLanes lanes, JdbcSessions sessions, StatusLog statusLog, Prompting prompting,
            SessionEnding ending, Announcer announcer, Promises promises, Executor threads,
            HeldStatusBudget heldBudget) {
        this.lanes = lanes;
        this.sessions = sessions;
        this.statusLog = statusLog;
        this.prompting = prompting;
        this.ending = ending;
        this.announcer = announcer;
        this.promises = promises;
        this.threads = threads;
        this.heldBudget = heldBudget;
    }

    /**
     * Takes the status of the piles whose turn it is.
     *
     * @param slot which slot's tick this is, counted from 0 without end
     * @return completes once the batch of this tick is written (the points of lanes that were late may follow)
     */
    CompletableFuture<Void> tick(TickSlots slots, long slot) {
        int depot = lanes.all().size();
        List<PileLane> turn = lanes.all().stream().filter(lane -> slots.takes(lane, slot, depot)).toList();
        if (turn.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        TickBatch batch = new TickBatch(sessions);
        int heldShare = heldBudget.share((int) lanes.all().stream().filter(lane -> lane.open.isPresent()).count());
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (PileLane lane : turn) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            taken.add(done);
            lane.work.submitInBackground(() -> {
                try {
                    return tick(lane, batch, heldShare);
                } finally {
                    done.complete(null);
                }
            });
        }
        return CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, GATHER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenRunAsync(batch::write, threads);
    }

    /** @param heldShare the most points the lane may hold if the batch cannot be committed */
    private CompletionStage<Void> tick(PileLane lane, TickBatch batch, int heldShare) {
        if (lane.pile == null || lane.open.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        SessionRecord session = lane.open.get();
        PileStatus status = lane.pile.status();
        if (lane.endingSince.isPresent()) {
            ending.endWhenSettled(lane, status);
        } else if (session.state() == SessionState.CHARGING || session.state() == SessionState.SUSPENDED) {
            if (!lane.pile.devicesSeen()) {
                // after a restart, until the pile has heard its devices: no register to tell yet, not a register of 0
                return CompletableFuture.completedFuture(null);
            }
            List<StatusPoint> due = lane.dueWith(statusLog.next(lane, session, status));
            Optional<Plan> plan = lane.pile.plan();
            return batch.add(session.id(), due).handleAsync((committed, failure) -> {
                if (failure != null) {
                    lane.hold(heldBudget.within(due, heldShare));
                    LOG.warn("Pile {}: {} status points of session {} held until the database takes them: {}",
                            lane.id, lane.held.size(), session.id(), failure.getMessage());
                    return null;
                }
                StatusUpdate update = statusLog.recordedAll(lane, session, due, caughtUp -> session.terminal()
                        .ifPresent(terminal -> announcer.push(terminal, caughtUp)));
                // a promise the plan no longer keeps (or keeps again) is told to the terminal, with why
                lane.work.executeInBackground(() -> promises.changed(lane, session, plan, status.energyWh(), update.at())
                        .ifPresent(promise -> session.terminal().ifPresent(terminal ->
                                announcer.push(terminal, promise))));
                ending.stopAtBudget(lane, session, update);
                return null;
            }, threads);
        } else {
            prompting.renewExpired(lane, session);
        }
        return CompletableFuture.completedFuture(null);
    }
}
