package org.pilegate.session.internal;

import java.util.Optional;

import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionState;

/**
 * Follows each pile's status: a vehicle plugging in opens a session, the pile's charging moves it on, a pile that
 * stops delivering ends it, and after a restart a session resumes as the pile is found. Runs on the pile's lane.
 */
final class PileFollower {

    private final JdbcSessions sessions;
    private final Prompting prompting;
    private final ChargingStart start;
    private final SessionEnding ending;
    private final StatusLog statusLog;

    PileFollower(JdbcSessions sessions, Prompting prompting, ChargingStart start, SessionEnding ending,
            StatusLog statusLog) {
        this.sessions = sessions;
        this.prompting = prompting;
        this.start = start;
        this.ending = ending;
        this.statusLog = statusLog;
    }

    /** The pile's controller (re)appeared: the lane follows it from its status now on. */
    void attach(PileLane lane, PileController pile) {
        lane.unsubscribe();
        lane.pile = pile;
        lane.heardSince = Optional.empty();
        lane.endedBeforeAttach = lane.open.isPresent() ? Optional.empty()
                : sessions.latestOn(pile.id()).filter(latest -> latest.state().hasEnded());
        lane.subscription = pile.subscribe(status -> lane.work.execute(() -> onStatus(lane, status)));
        onStatus(lane, pile.status());
    }

    void detach(PileLane lane, PileController pile) {
        if (lane.pile == pile) {
            lane.unsubscribe();
            lane.pile = null;
        }
    }

    void onStatus(PileLane lane, PileStatus queued) {
        if (lane.pile == null || !lane.pile.devicesSeen()) {
            return;
        }
        Optional<PileStatus> heard = heard(lane, queued);
        if (heard.isEmpty()) {
            return;
        }
        PileStatus status = heard.get();
        PileState pileState = status.state();
        if (lane.open.isEmpty()) {
            boolean vehicleWaiting = pileState == PileState.PLUGGED || pileState == PileState.PROMPTED;
            if (vehicleWaiting && status.activeSession().isEmpty() && !stillPluggedAfterItsSession(lane)) {
                prompting.open(lane, status);
            } else if (pileState == PileState.AVAILABLE) {
                lane.endedBeforeAttach = Optional.empty();
            }
            return;
        }
        SessionRecord session = lane.open.get();
        // queued snapshots may be behind: act on a plug only as the pile is now
        boolean stillPlugged = lane.pile.status().state() == PileState.PLUGGED;
        if (session.state() == SessionState.PENDING) {
            onStatusBeforeCharging(lane, session, status, stillPlugged);
            return;
        }
        switch (pileState) {
            case CHARGING, SUSPENDED -> {
                SessionState now = pileState == PileState.CHARGING ? SessionState.CHARGING : SessionState.SUSPENDED;
                if (now != session.state()) {
                    SessionRecord moved = session.moved(now);
                    statusLog.storeAndAnnounce(lane, moved, status);
                }
            }
            case PLUGGED -> {
                if (lane.endingSince.isPresent()) {
                    // a session that began to end never resumes, whatever vehicle the pile sees now
                    ending.endWhenSettled(lane, status);
                } else if (stillPlugged) {
                    start.resume(lane, session);
                }
            }
            case PROMPTED -> {
                // resuming: the contactor is closing again
            }
            case FINISHING, AVAILABLE, FAULTED, UNAVAILABLE -> ending.endWhenSettled(lane, status);
        }
    }

    private void onStatusBeforeCharging(PileLane lane, SessionRecord session, PileStatus status,
            boolean stillPlugged) {
        switch (status.state()) {
            case PLUGGED -> {
                if (stillPlugged) {
                    prompting.resume(lane, session);
                }
            }
            case AVAILABLE, FAULTED, UNAVAILABLE -> ending.end(lane, SessionState.FAILED, status,
                    status.state() == PileState.UNAVAILABLE && status.plugState().vehiclePresent()
                            ? "the pile was taken out of service before charging started"
                            : "the vehicle left before charging started");
            default -> {
                // prompted and waiting for the terminal
            }
        }
    }

    /**
     * The status to act on. Until the pile has heard both its devices its state is a guess: after a restart, a meter
     * heard before the relay makes an Available pile, and that status, queued, may come after the relay was heard.
     * So the first status acted on is the pile's as it is now, and one published before it is passed over.
     */
    private static Optional<PileStatus> heard(PileLane lane, PileStatus queued) {
        if (lane.heardSince.isEmpty()) {
            PileStatus now = lane.pile.status();
            lane.heardSince = Optional.of(now.at());
            return Optional.of(now);
        }
        return queued.at().isBefore(lane.heardSince.get()) ? Optional.empty() : Optional.of(queued);
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
}
