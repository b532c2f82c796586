package org.pilegate.opcua.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;

/**
 * What OPC UA writes and method calls do to the depot, through the gateway's operator services, with their failures
 * translated into StatusCodes: a missing service is BadResourceUnavailable, an argument the service refuses
 * BadOutOfRange or BadInvalidArgument, a session that already ended BadInvalidState.
 */
final class DepotActions {

    private final Supplier<Optional<DepotControl>> depot;
    private final Supplier<Optional<SessionDirectory>> sessions;
    private final Duration timeout;

    DepotActions(Supplier<Optional<DepotControl>> depot, Supplier<Optional<SessionDirectory>> sessions,
            Duration timeout) {
        this.depot = depot;
        this.sessions = sessions;
        this.timeout = timeout;
    }

    /** The site's power limit in W, if limited and known. */
    OptionalLong sitePowerLimitW() {
        return depot.get().map(DepotControl::sitePowerLimitW).orElse(OptionalLong.empty());
    }

    /** The depot's latest plan, if it plans. */
    Optional<Plan> plan() {
        return depot.get().flatMap(DepotControl::plan);
    }

    /** Whether the operator has the pile in service; empty while that is not known. */
    Optional<Boolean> available(PileId pile) {
        return depot.get().map(control -> control.settings(pile).available());
    }

    Optional<SessionOverview> session(SessionId id) {
        return sessions.get().flatMap(directory -> directory.find(id));
    }

    void limitSitePower(OptionalLong limitW) throws UaException {
        if (limitW.isPresent() && limitW.getAsLong() < 0) {
            throw new UaException(StatusCodes.Bad_OutOfRange, "a site power limit cannot be negative: "
                    + limitW.getAsLong() + " W");
        }
        DepotControl control = depotControl();
        try {
            control.limitSitePower(limitW);
        } catch (IllegalArgumentException e) {
            throw new UaException(StatusCodes.Bad_OutOfRange, e.getMessage());
        }
    }

    /** Caps the pile's current; 0 lifts the cap. */
    void limitCurrent(PileId pile, int limitA) throws UaException {
        if (limitA < 0) {
            throw new UaException(StatusCodes.Bad_OutOfRange, "a current limit cannot be negative: " + limitA + " A");
        }
        DepotControl control = depotControl();
        await(() -> control.limitCurrent(pile, limitA == 0 ? OptionalInt.empty() : OptionalInt.of(limitA)),
                StatusCodes.Bad_OutOfRange);
    }

    void setAvailable(PileId pile, boolean available) throws UaException {
        DepotControl control = depotControl();
        await(() -> control.setAvailable(pile, available), StatusCodes.Bad_InvalidArgument);
    }

    void stop(SessionId session, String reason) throws UaException {
        SessionDirectory directory = sessions.get().orElseThrow(() -> new UaException(
                StatusCodes.Bad_ResourceUnavailable, "the session service is not running"));
        await(() -> directory.stop(session, reason), StatusCodes.Bad_InvalidArgument);
    }

    private DepotControl depotControl() throws UaException {
        return depot.get().orElseThrow(() -> new UaException(StatusCodes.Bad_ResourceUnavailable,
                "the depot control service is not running"));
    }

    /** Waits for the change to take effect; an argument the service refuses answers {@code badArgument}. */
    private void await(Supplier<CompletionStage<?>> change, long badArgument) throws UaException {
        try {
            change.get().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refused(e.getCause(), badArgument);
        } catch (RuntimeException e) {
            throw refused(e, badArgument);
        } catch (TimeoutException e) {
            throw new UaException(StatusCodes.Bad_Timeout, "no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UaException(StatusCodes.Bad_Shutdown, "interrupted");
        }
    }

    private static UaException refused(Throwable cause, long badArgument) {
        if (cause instanceof IllegalArgumentException) {
            return new UaException(badArgument, cause.getMessage());
        }
        if (cause instanceof IllegalStateException) {
            return new UaException(StatusCodes.Bad_InvalidState, cause.getMessage());
        }
        return new UaException(StatusCodes.Bad_InternalError, String.valueOf(cause));
    }
}
