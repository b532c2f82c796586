package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingPrompt;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From plug-in to binding: a session opens for the vehicle plugged in, the terminals that may answer for it are
 * prompted (its account's, or whoever scans the pile's code for a vehicle the gateway does not know), and the first
 * valid association request binds its terminal to the session. Runs on the pile's lane.
 */
final class Prompting {

    private static final Logger LOG = LoggerFactory.getLogger(Prompting.class);

    private final JdbcSessions sessions;
    private final VehicleRegistry registry;
    private final AssociationTokens tokens;
    private final Settlement settlement;
    private final StatusLog statusLog;
    private final Announcer announcer;
    private final Supplier<Duration> promptLifetime;
    private final Clock clock;

    Prompting(JdbcSessions sessions, VehicleRegistry registry, AssociationTokens tokens, Settlement settlement,
            StatusLog statusLog, Announcer announcer, Supplier<Duration> promptLifetime, Clock clock) {
        this.sessions = sessions;
        this.registry = registry;
        this.tokens = tokens;
        this.settlement = settlement;
        this.statusLog = statusLog;
        this.announcer = announcer;
        this.promptLifetime = promptLifetime;
        this.clock = clock;
    }

    /** Opens a session for the vehicle just plugged in and prompts the terminals that may answer for it. */
    void open(PileLane lane, PileStatus status) {
        PileController pile = lane.pile;
        var vehicle = pile.vehicle();
        var account = vehicle.flatMap(registry::accountOf);
        SessionRecord session = SessionRecord.opened(pile.id(), vehicle, account, status.energyWh(), clock.instant());
        sessions.insert(session);
        lane.opened(session, List.of());
        LOG.info("Pile {}: session {} opened for vehicle {} of account {}", pile.id(), session.id(),
                vehicle.map(Object::toString).orElse("(unidentified)"), account.map(Object::toString).orElse("-"));
        prompt(lane, session);
    }

    /** After a restart, or once its token expired, a session nobody answered is prompted afresh. */
    void resume(PileLane lane, SessionRecord session) {
        if (session.terminal().isPresent()) {
            lane.pile.prompted();
            return;
        }
        SessionRecord renewed = session.reprompted(clock.instant());
        lane.store(sessions, renewed);
        prompt(lane, renewed);
    }

    /** A prompt nobody answered before its token expired is renewed. */
    void renewExpired(PileLane lane, SessionRecord session) {
        if (session.terminal().isEmpty() && lane.token != null && !clock.instant().isBefore(lane.tokenExpiresAt)) {
            resume(lane, session);
        }
    }

    /** The prompts for a terminal that scanned the pile's code. */
    List<TerminalOutbound> promptFor(PileLane lane, TerminalId terminal) {
        SessionRecord session = lane.waitingSession();
        if (session.terminal().isPresent()) {
            throw lane.busy();
        }
        if (!mayBePrompted(session, terminal)) {
            throw new DialogueRefusal(ErrorCode.NOT_YOUR_VEHICLE, "the vehicle at pile " + lane.id
                    + " is registered to another account");
        }
        return prompts(lane, session);
    }

    /** The prompts waiting for a terminal that has just connected, if the lane's session waits for it. */
    List<TerminalOutbound> waitingFor(PileLane lane, TerminalId terminal) {
        return lane.open.filter(Prompting::awaitsTerminal)
                .filter(open -> lane.token != null && mayBePrompted(open, terminal))
                .map(open -> prompts(lane, open))
                .orElse(List.of());
    }

    static boolean awaitsTerminal(SessionRecord session) {
        return session.state() == SessionState.PENDING && session.terminal().isEmpty();
    }

    List<TerminalOutbound> associate(PileLane lane, TerminalId terminal, AssociationRequest request) {
        if (!request.terminal().equals(terminal)) {
            throw new DialogueRefusal(ErrorCode.TERMINAL_MISMATCH, "the request names terminal " + request.terminal()
                    + " but comes from " + terminal);
        }
        SessionRecord session = lane.waitingSession();
        if (session.isBoundTo(terminal)) {
            return List.of(statusLog.record(lane, session, lane.pile.status()));
        }
        if (session.terminal().isPresent()) {
            throw lane.busy();
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
        StatusUpdate update = statusLog.storeAndRecord(lane, bound, lane.pile.status());
        LOG.info("Pile {}: session {} bound to terminal {}", request.pile(), session.id(), terminal);
        return List.of(update);
    }

    private void prompt(PileLane lane, SessionRecord session) {
        Duration lifetime = promptLifetime.get();
        lane.token = tokens.issue(lane.id, session.session().vehicle(), session.promptedAt(), lifetime);
        lane.tokenExpiresAt = session.promptedAt().plus(lifetime);
        List<TerminalOutbound> prompts = prompts(lane, session);
        List<TerminalId> addressees = session.account().map(registry::terminalsOf).orElse(List.of());
        for (TerminalId terminal : addressees) {
            prompts.forEach(prompt -> announcer.push(terminal, prompt));
        }
        lane.pile.prompted();
        LOG.info("Pile {}: session {} prompted {}", lane.id, session.id(),
                addressees.isEmpty() ? "nobody; waiting for a scan of the pile's code" : addressees);
    }

    private List<TerminalOutbound> prompts(PileLane lane, SessionRecord session) {
        return new ArrayList<>(List.of(
                new ChargingPrompt(lane.id, session.session().vehicle(), session.promptedAt(),
                        lane.pile.maxCurrentA(), settlement.tariffSummary(lane.id)),
                new AssociationPrompt(lane.id, lane.token, lane.tokenExpiresAt)));
    }

    /** Anyone may answer for a vehicle the gateway does not know; a registered one only its account's terminals. */
    private boolean mayBePrompted(SessionRecord session, TerminalId terminal) {
        return session.account().map(account -> registry.terminalsOf(account).contains(terminal)).orElse(true);
    }
}
